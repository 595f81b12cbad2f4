using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>How a test class gets its host: the suite runs each such class once per kind.</summary>
public interface IHostKind
{
    static abstract Task<IAppHost> StartAsync(HostStart start);
}

/// <summary>What a test asks of the host it starts; <see cref="Prepare"/> arranges the tables before anyone calls it.</summary>
public sealed record HostStart(
    string Environment = "Development",
    IDictionary<string, string?>? Settings = null,
    string? TablePrefix = null,
    Func<IServiceProvider, Task>? Prepare = null);

/// <summary>The local host, in the test's process.</summary>
public sealed class OnLocalHost : IHostKind
{
    public static async Task<IAppHost> StartAsync(HostStart start)
    {
        var host = await TestHost.StartAsync(start.Environment, start.Settings, tablePrefix: start.TablePrefix);
        try
        {
            if (start.Prepare is not null)
            {
                await start.Prepare(host.App.Services);
            }
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }
}

/// <summary>The Azure Functions app, as an isolated worker under the Functions host double.</summary>
public sealed class OnFunctionsApp : IHostKind
{
    public static async Task<IAppHost> StartAsync(HostStart start) =>
        await FunctionsAppHost.StartAsync(start.Environment, start.Settings, prepare: start.Prepare, tablePrefix: start.TablePrefix);
}
