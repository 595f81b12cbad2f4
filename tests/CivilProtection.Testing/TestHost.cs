using CivilProtection.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CivilProtection.Testing;

/// <summary>The local host, started for real on a loopback port over Azurite, with tables of its own.</summary>
public sealed class TestHost : IAppHost
{
    private TestHost(WebApplication app, Uri baseAddress, string tablePrefix, Azurite azurite)
    {
        App = app;
        BaseAddress = baseAddress;
        TablePrefix = tablePrefix;
        Azurite = azurite;
    }

    public string Kind => "local host";

    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public string TablePrefix { get; }
    public Azurite Azurite { get; }

    public static async Task<TestHost> StartAsync(
        string environment = "Development",
        IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        string? tablePrefix = null)
    {
        var azurite = await Azurite.SharedAsync();
        var prefix = tablePrefix ?? Azurite.UniquePrefix();
        var args = new List<string>
        {
            $"--environment={environment}",
            "--urls=http://127.0.0.1:0",
            $"--CivilProtection:Tables:ConnectionString={azurite.ConnectionString}",
            $"--CivilProtection:Tables:TablePrefix={prefix}",
            "--CivilProtection:SeedDirectory=true",
            "--Logging:LogLevel:Default=Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            args.Add($"--{key}={value}");
        }
        var app = LocalHostApp.Build([.. args], configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestHost(app, new Uri(address), prefix, azurite);
    }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>An HTTP client acting as a seeded (or test-made) user through the Development header; null for nobody.</summary>
    public HttpClient ClientFor(string? userId) => AppClients.For(BaseAddress, userId);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
