using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using CivilProtection.Testing;

namespace CivilProtection.Benchmark;

/// <summary>
/// The intake: concurrent duty officers' clients, one HTTP client (one keep-alive connection) each, file requests
/// over HTTP as fast as answers come back, one at a time per client.
/// </summary>
public static class IntakeBenchmark
{
    /// <param name="perSecond">Filings paced at this rate (see <see cref="Schedule"/>); as fast as answers come back when null.</param>
    public static async Task<IntakeResult> RunAsync(IReadOnlyList<HttpClient> clients, int total, double? perSecond, CancellationToken cancellationToken)
    {
        // One body for every filing: the form is the same, its parsing and validation are not skipped for it.
        var body = RequestSamples.Flood().ToJsonString();
        var filings = new Filing[total];
        var schedule = new Schedule(perSecond);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            while (await schedule.NextAsync(total, cancellationToken) is (true, var i, var dueAt))
            {
                filings[i] = await FileAsync(client, body, dueAt, cancellationToken);
            }
        }, cancellationToken)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var errors = filings.Count(f => f.RequestId is null);
        return new IntakeResult(filings, new PhaseResult(total, elapsed, Latencies.Of(filings.Select(f => f.Milliseconds)), errors));
    }

    private static async Task<Filing> FileAsync(HttpClient client, string body, long dueAt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/requests") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        // Routing is timed from when the filing was due too, on the wall clock the server's routedAt is on.
        var sentAt = DateTimeOffset.UtcNow - Stopwatch.GetElapsedTime(dueAt);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var content = await response.Content.ReadAsStringAsync(cancellationToken);
            var milliseconds = Schedule.MillisecondsSince(dueAt);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                return new Filing(null, sentAt, milliseconds, $"{(int)response.StatusCode}: {Shorten(content)}");
            }
            using var view = JsonDocument.Parse(content);
            return new Filing(view.RootElement.GetProperty("id").GetString(), sentAt, milliseconds, null) { Bytes = Encoding.UTF8.GetByteCount(content) };
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException
            && !cancellationToken.IsCancellationRequested)
        {
            return new Filing(null, sentAt, Schedule.MillisecondsSince(dueAt), $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

/// <summary>One filing: the id it got (null when it failed), when the client started it, how long the answer took.</summary>
public sealed record Filing(string? RequestId, DateTimeOffset SentAt, double Milliseconds, string? Error)
{
    /// <summary>The size of the answer's body, in bytes of UTF-8.</summary>
    public int Bytes { get; init; }
}

public sealed record IntakeResult(IReadOnlyList<Filing> Filings, PhaseResult Phase);
