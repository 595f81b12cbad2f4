using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CivilProtection.Testing;

/// <summary>
/// The real Table Storage emulator for tests: the one <c>./test.sh</c> started (its endpoint in
/// <c>CP_AZURITE_TABLE_ENDPOINT</c>), or else one started here on a free port, in memory, for this test run.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    // Azurite's well-known development account; documented publicly, not a secret.
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Azurite? _shared;
    private readonly Process? _process;

    private Azurite(string endpoint, Process? process)
    {
        TableEndpoint = endpoint;
        _process = process;
    }

    public string TableEndpoint { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};TableEndpoint={TableEndpoint}/devstoreaccount1;";

    /// <summary>One Azurite for the whole test process; test classes isolate themselves by table prefix.</summary>
    public static async Task<Azurite> SharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _shared ??= await StartAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A table prefix no other test uses.</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<Azurite> StartAsync() =>
        Environment.GetEnvironmentVariable("CP_AZURITE_TABLE_ENDPOINT") is { Length: > 0 } endpoint
            ? new Azurite(endpoint.TrimEnd('/'), null)
            : await StartOwnAsync();

    /// <summary>
    /// An Azurite of its own on a free port, in memory, whatever the shared one is: a store whose figures must not
    /// share the emulator's one thread and heap with another's (the benchmark's empty store beside its history).
    /// </summary>
    public static async Task<Azurite> StartOwnAsync()
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot(), "node_modules", ".bin", "azurite-table"))
        {
            ArgumentList = { "--tableHost", "127.0.0.1", "--tablePort", port.ToString(), "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start; run npm ci first.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } };
        await WaitForPortAsync(port, TimeSpan.FromSeconds(30));
        return new Azurite($"http://127.0.0.1:{port}", process);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The folder holding <c>package.json</c> and <c>CivilProtection.sln</c>.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CivilProtection.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (CivilProtection.sln) is not above the test binaries.");
    }

    private static async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (await ChildProcess.ListensAsync(port))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Azurite did not listen on port {port} within {timeout}.");
    }

    public ValueTask DisposeAsync()
    {
        _process?.Kill(entireProcessTree: true);
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }
}
