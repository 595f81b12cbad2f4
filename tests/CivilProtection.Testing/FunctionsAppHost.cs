using System.Net;
using System.Reflection;
using CivilProtection.FunctionsHostDouble;
using CivilProtection.Infrastructure.Composition;
using CivilProtection.LocalHost;
using CivilProtection.LocalHost.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CivilProtection.Testing;

/// <summary>
/// The Azure Functions app as Azure runs it, under the Functions host double: its own build output started as an
/// isolated worker, over Azurite with tables of its own. The Functions app seeds nothing itself, so the seed the local
/// host writes in Development is written first, from the test's process, when <c>seed</c> is on.
/// </summary>
public sealed class FunctionsAppHost : IAppHost
{
    private readonly WebApplication _side;

    private FunctionsAppHost(FunctionsHost host, WebApplication side, string tablePrefix, Azurite azurite)
    {
        HostDouble = host;
        _side = side;
        TablePrefix = tablePrefix;
        Azurite = azurite;
    }

    /// <summary>The Functions app's own build output (CivilProtection.Functions.dll), recorded when this assembly was built.</summary>
    public static string BuiltDll { get; } =
        typeof(FunctionsAppHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "FunctionsAppPath")?.Value ?? "";

    public string Kind => "Functions app";

    /// <summary>The host double the app runs under (its functions, its timers, its log).</summary>
    public FunctionsHost HostDouble { get; }

    public Uri BaseAddress => HostDouble.BaseAddress;

    public string TablePrefix { get; }

    public Azurite Azurite { get; }

    /// <param name="settings">App settings beside the tables' (<c>A:B</c> keys).</param>
    /// <param name="seed">Writes the local host's Development seed (authorities, partnerships, people, rosters) before the app starts.</param>
    /// <param name="prepare">Arranges more in the tables before the app starts, so no cache of the app's has seen them missing.</param>
    /// <param name="configure">Changes the double's options (timers, App Service authentication).</param>
    public static async Task<FunctionsAppHost> StartAsync(
        string environment = "Development",
        IDictionary<string, string?>? settings = null,
        bool seed = true,
        Func<IServiceProvider, Task>? prepare = null,
        Func<FunctionsHostOptions, FunctionsHostOptions>? configure = null,
        string? tablePrefix = null,
        int frontPort = 0,
        CancellationToken cancellationToken = default)
    {
        if (!File.Exists(BuiltDll))
        {
            throw new FileNotFoundException($"The Functions app is not built at '{BuiltDll}'; build a project that references tests/CivilProtection.Testing (it builds the app).");
        }
        var azurite = await Azurite.SharedAsync();
        var prefix = tablePrefix ?? Azurite.UniquePrefix();
        var appSettings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CivilProtection:Tables:ConnectionString"] = azurite.ConnectionString,
            ["CivilProtection:Tables:TablePrefix"] = prefix,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is not null)
            {
                appSettings[key] = value;
            }
        }

        var side = SideComposition(appSettings, seed);
        FunctionsHost? double_ = null;
        try
        {
            await ArrangeTablesAsync(side, seed, cancellationToken);
            if (prepare is not null)
            {
                await prepare(side.Services);
            }
            var options = new FunctionsHostOptions
            {
                AppAssembly = BuiltDll,
                AppSettings = appSettings,
                Environment = environment,
                FrontPort = frontPort,
                // Tests do not wait for Azure's 10-second ticks: the workflow pump is fired every second instead.
                ScheduleOverrides = new Dictionary<string, string> { ["WorkflowPump"] = "* * * * * *", ["OutboxSweep"] = "*/5 * * * * *" },
            };
            double_ = await FunctionsHost.StartAsync(configure is null ? options : configure(options), cancellationToken);
            var host = new FunctionsAppHost(double_, side, prefix, azurite);
            await host.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return host;
        }
        catch
        {
            if (double_ is not null)
            {
                await double_.DisposeAsync();
            }
            await side.DisposeAsync();
            throw;
        }
    }

    public HttpClient ClientFor(string? userId) => AppClients.For(BaseAddress, userId);

    public T Service<T>() where T : notnull => _side.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await HostDouble.DisposeAsync();
        await _side.DisposeAsync();
    }

    // The local host's composition over the same tables, never started: its services reach the tables the app uses.
    private static WebApplication SideComposition(IReadOnlyDictionary<string, string> appSettings, bool seed)
    {
        // Always Development: it serves nothing, and elsewhere it would ask for Twilio credentials it never uses.
        var args = appSettings.Select(s => $"--{s.Key}={s.Value}")
            .Append("--environment=Development")
            .Append($"--CivilProtection:SeedDirectory={seed}")
            .Append("--Logging:LogLevel:Default=Warning")
            .ToArray();
        return LocalHostApp.Build(args);
    }

    private static async Task ArrangeTablesAsync(WebApplication side, bool seed, CancellationToken cancellationToken)
    {
        var hosted = side.Services.GetServices<IHostedService>().ToList();
        await hosted.OfType<StorageInitializer>().Single().StartAsync(cancellationToken);
        if (seed)
        {
            await hosted.OfType<DirectorySeeder>().Single().StartAsync(cancellationToken);
            await hosted.OfType<RosterSeeder>().Single().StartAsync(cancellationToken);
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = ClientFor(null);
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            using var response = await client.GetAsync("/api/health", cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
            if (DateTime.UtcNow > until || HostDouble.WorkerHasExited)
            {
                throw new TimeoutException($"The Functions app did not answer /api/health with 200 (last {(int)response.StatusCode}):{Environment.NewLine}{HostDouble.Log.Recent}");
            }
            await Task.Delay(200, cancellationToken);
        }
    }
}
