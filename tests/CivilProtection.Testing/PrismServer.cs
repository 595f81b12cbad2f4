using System.Diagnostics;
using System.Globalization;

namespace CivilProtection.Testing;

/// <summary>
/// Stoplight Prism (npm <c>@stoplight/prism-cli</c>, from the repository's <c>node_modules</c>) serving an OpenAPI
/// definition on a free loopback port, with <c>--errors</c>: as a mock, it answers a request the definition forbids
/// with an error instead of a mock; as a proxy in front of an upstream, it refuses such a request and turns an upstream
/// answer that breaks the definition into a 500. Every violation it finds, errors and warnings, is also named in its
/// answer's <c>sl-violations</c> header.
/// </summary>
public sealed class PrismServer : IAsyncDisposable
{
    private const int KeptOutputLines = 60;
    private readonly ChildProcess _process;

    private PrismServer(ChildProcess process, Uri baseUrl, TimeSpan startTime)
    {
        _process = process;
        BaseUrl = baseUrl;
        StartTime = startTime;
    }

    /// <summary>Where Prism listens.</summary>
    public Uri BaseUrl { get; }

    /// <summary>How long Prism took from its start to listening (it reads the whole definition first).</summary>
    public TimeSpan StartTime { get; }

    /// <summary>What Prism printed last (its log of requests and violations), for a failure message.</summary>
    public string RecentOutput => _process.RecentOutput;

    /// <summary>Twilio's OpenAPI definition of its REST API v2010, kept beside the repository in <c>shared/standards</c> (never copied into it).</summary>
    public static string TwilioDefinition()
    {
        var path = Path.GetFullPath(Path.Combine(Azurite.RepositoryRoot(), "..", "shared", "standards", "twilio", "twilio_api_v2010.json"));
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Twilio's OpenAPI definition is not at {path}: it is expected in shared/standards/twilio beside the repository (see shared/standards/README.md).", path);
    }

    /// <summary>Prism answering from the definition's examples and schemas.</summary>
    public static Task<PrismServer> MockAsync(string definition) => StartAsync(["mock", definition]);

    /// <summary>Prism validating the traffic between its caller and <paramref name="upstream"/>, both ways.</summary>
    public static Task<PrismServer> ProxyAsync(string definition, Uri upstream) => StartAsync(["proxy", definition, upstream.AbsoluteUri]);

    private static async Task<PrismServer> StartAsync(IReadOnlyList<string> command)
    {
        var prism = Path.Combine(Azurite.RepositoryRoot(), "node_modules", ".bin", "prism");
        if (!File.Exists(prism))
        {
            throw new FileNotFoundException($"Prism is not installed at {prism}: run `source tools/common.sh && ensure_node_packages` (npm ci).", prism);
        }
        var port = Azurite.FreePort();
        var start = new ProcessStartInfo(prism);
        foreach (var argument in command.Concat(["--errors", "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)]))
        {
            start.ArgumentList.Add(argument);
        }
        // Plain log lines, no colours, in the failure messages.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["FORCE_COLOR"] = "0";
        var started = Stopwatch.StartNew();
        var process = ChildProcess.Start(start, KeptOutputLines);
        try
        {
            await process.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60), $"Prism ({command[0]})");
        }
        catch
        {
            process.Dispose();
            throw;
        }
        return new PrismServer(process, new Uri($"http://127.0.0.1:{port}"), started.Elapsed);
    }

    /// <summary>Ends Prism and whatever it started (SIGKILL to the whole tree).</summary>
    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
