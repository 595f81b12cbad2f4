using System.Collections.Concurrent;
using CivilProtection.Application.Requests;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// The rows of one kind this process has just written (SMS records, notices), with the tag the store gave each, until
/// the next writer of the row takes them: the sender of an SMS, the delivery report that follows it, run most often in
/// the process that committed the row (the answer's workflow drain, the provider's callbacks to the same instance),
/// and used to read each row back first. Each is handed out once (<see cref="TableRequestStore.TakeRecentSms"/>,
/// <see cref="TableRequestStore.TakeRecentNotice"/>); nothing trusts it blindly, since a write guarded by a stale tag
/// fails and is tried again on a fresh read.
/// </summary>
public sealed class RecentRows<T>(TimeProvider clock)
{
    // A row's next writer comes seconds after its commit; one that comes later (a queue backed up behind the
    // provider's rate) reads. Past the size bound the whole set starts again rather than keeping a recency list.
    internal static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(60);
    internal const int MaxRecords = 1_000;

    private readonly ConcurrentDictionary<string, (Versioned<T> Row, DateTimeOffset At)> _recent = new(StringComparer.Ordinal);

    public void Remember(string key, T row, string etag)
    {
        if (_recent.Count >= MaxRecords)
        {
            _recent.Clear();
        }
        _recent[key] = (new Versioned<T>(row, etag), clock.GetUtcNow());
    }

    /// <summary>The row kept under <paramref name="key"/>, once, while recent enough.</summary>
    public Versioned<T>? Take(string key) =>
        _recent.TryRemove(key, out var kept) && clock.GetUtcNow() - kept.At < KeptFor ? kept.Row : null;
}
