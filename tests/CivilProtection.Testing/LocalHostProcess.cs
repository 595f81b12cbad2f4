using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;

namespace CivilProtection.Testing;

/// <summary>
/// The local host in a process of its own, as it runs for people: Development, loopback on a free port, tables under
/// a prefix no one else uses. Its memory and CPU are its own and not the caller's (the benchmark), and it can be
/// killed and started again while the caller, its fakes and Azurite live on (the crash test).
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 40;
    private readonly ChildProcess _process;

    private LocalHostProcess(ChildProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    /// <summary>
    /// The local host's own build output (its bin folder, with its web files and settings), recorded when this assembly
    /// was built; run that dll rather than the copy among a test's references.
    /// </summary>
    public static string BuiltDll { get; } =
        typeof(LocalHostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "LocalHostPath")?.Value ?? "";

    public static async Task<LocalHostProcess> StartAsync(string localHostDll, string connectionString, string tablePrefix, CancellationToken cancellationToken)
        => await StartAsync(localHostDll, connectionString, tablePrefix, settings: null, port: null, cancellationToken);

    /// <summary>Also with settings of its own (<c>--Key=Value</c>) and, when given, on a known port (the SMS section's <c>PublicBaseUrl</c>).</summary>
    public static async Task<LocalHostProcess> StartAsync(string localHostDll, string connectionString, string tablePrefix,
        IReadOnlyDictionary<string, string?>? settings, int? port, CancellationToken cancellationToken)
    {
        if (!File.Exists(localHostDll))
        {
            throw new FileNotFoundException($"The local host is not built at {localHostDll}; build a project that references tests/CivilProtection.Testing (it builds the host).");
        }
        port ??= Azurite.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                localHostDll,
                "--environment=Development",
                $"--urls=http://127.0.0.1:{port}",
                $"--CivilProtection:Tables:ConnectionString={connectionString}",
                $"--CivilProtection:Tables:TablePrefix={tablePrefix}",
                "--CivilProtection:SeedDirectory=true",
                "--Logging:LogLevel:Default=Warning",
            },
            WorkingDirectory = Path.GetDirectoryName(localHostDll)!,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            start.ArgumentList.Add($"--{key}={value}");
        }
        var host = new LocalHostProcess(ChildProcess.Start(start, KeptOutputLines), new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), cancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>An HTTP client of its own (its own keep-alive connection) acting as a seeded user.</summary>
    public HttpClient ClientFor(string userId)
    {
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }, disposeHandler: true)
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        client.DefaultRequestHeaders.Add("X-Dev-User", userId);
        return client;
    }

    /// <summary>What the host printed last, for a report when something broke.</summary>
    public string RecentOutput => _process.RecentOutput;

    public bool HasExited => _process.HasExited;

    /// <summary>Ends the host at once, as a crash would (SIGKILL to it and its children): nothing of it runs after this returns.</summary>
    public void Kill() => _process.Kill();

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    // Healthy first, then the seeded duty officer is known: the directory is written before calls are served.
    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = ClientFor("ma-duty");
        client.Timeout = TimeSpan.FromSeconds(5);
        var until = DateTime.UtcNow + timeout;
        foreach (var path in new[] { "/api/health", "/api/me" })
        {
            while (true)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The local host exited with code {_process.ExitCode} while starting:{Environment.NewLine}{RecentOutput}");
                }
                if (DateTime.UtcNow > until)
                {
                    throw new TimeoutException($"The local host did not answer {path} with 200 within {timeout}:{Environment.NewLine}{RecentOutput}");
                }
                try
                {
                    using var response = await client.GetAsync(path, cancellationToken);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // A slow first answer while it starts.
                }
                await Task.Delay(200, cancellationToken);
            }
        }
    }
}
