using System.Globalization;
using CivilProtection.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace CivilProtection.Benchmark;

/// <summary>
/// A loopback reverse proxy in front of Azurite that delays every call by a fixed latency, as Azure Table Storage is
/// reached over a network, and forwards calls in parallel (each on a connection of its own to Azurite, none waiting for
/// another here). Azurite behind it still serves one call at a time: calls overlap in their latency, not in Azurite.
/// </summary>
public sealed class StoreLatencyProxy(WebApplication app, HttpClient azurite, string connectionString, TimeSpan latency) : IAsyncDisposable
{
    // Hop-by-hop headers belong to each leg, not to the call (RFC 9110, 7.6.1); Host is the target's.
    private static readonly HashSet<string> LegHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host",
    };

    /// <summary>Azurite's development account, reached through the proxy.</summary>
    public string ConnectionString { get; } = connectionString;

    /// <summary>The line the figures start with, so they are never read as Azurite's own.</summary>
    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"store   Azurite behind a loopback proxy adding {latency.TotalMilliseconds:0.#} ms to each call, calls forwarded in parallel (Azurite still serves them one at a time)");

    public const string Usage = "--store-latency DURATION (e.g. 8ms): the store behind a proxy adding that to each call";

    /// <summary>Takes <c>--store-latency</c> out of the arguments, leaving the rest to <see cref="BenchmarkOptions.Parse"/>; null without it.</summary>
    public static TimeSpan? TakeLatency(ref string[] args)
    {
        var at = Array.IndexOf(args, "--store-latency");
        if (at < 0)
        {
            return null;
        }
        var value = at + 1 < args.Length ? args[at + 1] : "";
        var number = value.EndsWith("ms", StringComparison.Ordinal) ? value[..^2] : value;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) || ms is < 0 or > 10_000)
        {
            throw new ArgumentException($"--store-latency takes milliseconds from 0 to 10000, e.g. 8ms, not '{value}'.");
        }
        args = [.. args[..at], .. args[(at + 2)..]];
        return TimeSpan.FromMilliseconds(ms);
    }

    public static async Task<StoreLatencyProxy> StartAsync(Azurite azurite, TimeSpan latency, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        var address = $"http://127.0.0.1:{Azurite.FreePort()}";
        builder.WebHost.UseUrls(address);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        // No cap on connections to Azurite: a cap here would make calls wait for each other in the proxy.
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(azurite.TableEndpoint),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        app.Run(http => ForwardAsync(http, client, latency));
        await app.StartAsync(cancellationToken);
        return new StoreLatencyProxy(app, client, azurite.ConnectionString.Replace(azurite.TableEndpoint, address, StringComparison.Ordinal), latency);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        azurite.Dispose();
    }

    private static async Task ForwardAsync(HttpContext http, HttpClient azurite, TimeSpan latency)
    {
        var ct = http.RequestAborted;
        // The network's round trip, paid once per call before Azurite sees it.
        await Task.Delay(latency, ct);
        // The raw target, as the client encoded it: Azurite checks the signature against the path as sent (a row key's ':' is %3A).
        var target = http.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), new Uri(azurite.BaseAddress!, new Uri(target, UriKind.Relative)));
        var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, ct);
        if (body.Length > 0 || http.Request.ContentLength is not null)
        {
            request.Content = new ByteArrayContent(body.ToArray());
        }
        foreach (var (name, values) in http.Request.Headers)
        {
            if (!LegHeaders.Contains(name) && !request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }
        using var response = await azurite.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        http.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!LegHeaders.Contains(name))
            {
                http.Response.Headers[name] = values.ToArray();
            }
        }
        await response.Content.CopyToAsync(http.Response.Body, ct);
    }
}
