using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>How a test class gets its host: the suite runs each such class once per kind.</summary>
public interface IHostKind
{
    static abstract Task<IAppHost> StartAsync(HostStart start);
}

/// <summary>
/// What a test asks of the host it starts; <see cref="Prepare"/> arranges the tables before anyone calls it, and a
/// <see cref="Port"/> given is where the host listens (0 for a free one).
/// </summary>
public sealed record HostStart(
    string Environment = "Development",
    IDictionary<string, string?>? Settings = null,
    string? TablePrefix = null,
    Func<IServiceProvider, Task>? Prepare = null,
    int Port = 0);

/// <summary>The local host, in the test's process.</summary>
public sealed class OnLocalHost : IHostKind
{
    public static async Task<IAppHost> StartAsync(HostStart start)
    {
        var settings = new Dictionary<string, string?>(start.Settings ?? new Dictionary<string, string?>());
        if (start.Port != 0)
        {
            settings["urls"] = $"http://127.0.0.1:{start.Port}/";
        }
        var host = await TestHost.StartAsync(start.Environment, settings, tablePrefix: start.TablePrefix);
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
        await FunctionsAppHost.StartAsync(start.Environment, start.Settings, prepare: start.Prepare, tablePrefix: start.TablePrefix, frontPort: start.Port);
}
