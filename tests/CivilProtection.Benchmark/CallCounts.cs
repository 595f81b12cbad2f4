using System.Net.Http.Json;
using CivilProtection.Infrastructure.Tables;

namespace CivilProtection.Benchmark;

/// <summary>
/// The storage calls and queue operations a local host with <c>CivilProtection:CountCalls</c> on has counted
/// (<c>GET /api/dev/call-counts</c>), and what changed between two readings.
/// </summary>
public static class CallCounts
{
    /// <summary>The in-process transport's journal: Service Bus in Azure, not a table the app reads or writes.</summary>
    public const string JournalTable = "LocalQueues";

    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1.5);

    public static Task<CallCountsSnapshot> ReadAsync(HttpClient host, CancellationToken ct) =>
        host.GetFromJsonAsync<CallCountsSnapshot>("/api/dev/call-counts", ct)!;

    /// <summary>The counts once they stayed the same for a while: the last change's background work is done.</summary>
    public static async Task<CallCountsSnapshot> QuietAsync(HttpClient host, CancellationToken ct)
    {
        var last = await ReadAsync(host, ct);
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow - since < Quiet)
        {
            await Task.Delay(250, ct);
            var now = await ReadAsync(host, ct);
            if (Total(now) != Total(last))
            {
                (last, since) = (now, DateTime.UtcNow);
            }
        }
        return last;
    }

    public static CallCountsSnapshot Difference(CallCountsSnapshot before, CallCountsSnapshot after) => new(
        after.Storage.ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, int>)t.Value
            .ToDictionary(k => k.Key, k => k.Value - (before.Storage.TryGetValue(t.Key, out var b) && b.TryGetValue(k.Key, out var n) ? n : 0))
            .Where(k => k.Value != 0).ToDictionary(), StringComparer.Ordinal)
            .Where(t => t.Value.Count > 0).ToDictionary(StringComparer.Ordinal),
        after.Messages.ToDictionary(m => m.Key, m => m.Value - before.Messages.GetValueOrDefault(m.Key)).Where(m => m.Value != 0).ToDictionary());

    /// <summary>Calls to the app's tables: neither the journal nor the creation of tables.</summary>
    public static int TableCalls(CallCountsSnapshot s) => s.Storage.Where(t => t.Key is not JournalTable and not "Tables").Sum(t => t.Value.Values.Sum());

    private static int Total(CallCountsSnapshot s) => s.Storage.Values.Sum(t => t.Values.Sum()) + s.Messages.Values.Sum();
}
