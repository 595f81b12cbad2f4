using System.Text.Json;

namespace CivilProtection.Benchmark;

/// <summary>
/// How long each filed request took to reach the first approver's inbox: from the moment its client started the
/// POST to the inbox item's <c>routedAt</c> (the server's clock, on the same machine). The inbox is read only after
/// the filing is over, so reading it does not slow the filing down; <c>routedAt</c> does not depend on when it is read.
/// </summary>
public static class RoutingMeasurement
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<RoutingResult> MeasureAsync(HttpClient approver, IReadOnlyList<Filing> filings, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiting = filings.Where(f => f.RequestId is not null).ToDictionary(f => f.RequestId!, f => f.SentAt, StringComparer.Ordinal);
        var routed = new Dictionary<string, DateTimeOffset>(waiting.Count, StringComparer.Ordinal);
        var until = DateTime.UtcNow + timeout;
        while (waiting.Count > 0 && DateTime.UtcNow < until)
        {
            foreach (var (requestId, routedAt) in await ReadInboxAsync(approver, cancellationToken))
            {
                if (waiting.Remove(requestId))
                {
                    routed[requestId] = routedAt;
                }
            }
            if (waiting.Count > 0)
            {
                await Task.Delay(PollInterval, cancellationToken);
            }
        }
        var latencies = filings.Where(f => f.RequestId is not null && routed.ContainsKey(f.RequestId))
            .Select(f => (routed[f.RequestId!] - f.SentAt).TotalMilliseconds);
        return new RoutingResult(Latencies.Of(latencies), Missing: waiting.Count, routed);
    }

    // The whole inbox, page after page (the API answers at most 100 items a page, and links to the next).
    private static async Task<IReadOnlyList<(string RequestId, DateTimeOffset RoutedAt)>> ReadInboxAsync(HttpClient approver, CancellationToken cancellationToken)
    {
        var items = new List<(string RequestId, DateTimeOffset RoutedAt)>();
        string? next = "/api/approvals?pageSize=100";
        while (next is not null)
        {
            using var response = await approver.GetAsync(next, cancellationToken);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var inbox = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            items.AddRange(inbox.RootElement.EnumerateArray()
                .Select(item => (item.GetProperty("requestId").GetString()!, item.GetProperty("routedAt").GetDateTimeOffset())));
            next = response.Headers.TryGetValues("Link", out var links) && links.FirstOrDefault() is { } link ? link[1..link.IndexOf('>', StringComparison.Ordinal)] : null;
        }
        return items;
    }
}

/// <summary>Routing latencies of the items that arrived, and how many never did within the timeout.</summary>
public sealed record RoutingResult(Latencies Latencies, int Missing, IReadOnlyDictionary<string, DateTimeOffset> RoutedAt);
