using System.Globalization;

namespace CivilProtection.Benchmark;

/// <summary>One CSV line per timed filing, in the order they were started, to see how latencies move over a run.</summary>
public static class RawFigures
{
    public static async Task WriteAsync(string path, IReadOnlyList<Filing> filings, RoutingResult routing, CancellationToken cancellationToken)
    {
        var c = CultureInfo.InvariantCulture;
        var first = filings.Min(f => f.SentAt);
        var lines = filings.OrderBy(f => f.SentAt).Select(f =>
        {
            var routed = f.RequestId is not null && routing.RoutedAt.TryGetValue(f.RequestId, out var at) ? (at - f.SentAt).TotalMilliseconds.ToString("0.0", c) : "";
            return string.Create(c, $"{f.RequestId},{(f.SentAt - first).TotalMilliseconds:0.0},{f.Milliseconds:0.0},{routed},{f.Error?.Replace(',', ';')}");
        });
        await File.WriteAllLinesAsync(path, ["requestId,sentAfterMs,intakeMs,routingMs,error", .. lines], cancellationToken);
    }
}
