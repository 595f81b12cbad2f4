using System.Collections.Concurrent;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Sms;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// The SMS records this process has just added (a notice's pages, a dispatch's offers), with the tag the store gave
/// each, until the sender takes them: the sender runs most often in the process that committed them (the answer's
/// workflow drain), and used to read each record back before claiming it. Each is handed out once
/// (<see cref="TableRequestStore.TakeRecentSms"/>); nothing trusts it blindly, since a claim guarded by a stale tag
/// fails and its message is delivered again, to a fresh read.
/// </summary>
public sealed class RecentSmsRecords(TimeProvider clock)
{
    // An SMS is sent seconds after its commit; one that waits longer (a queue backed up behind the provider's rate) is
    // read. Past the size bound the whole set starts again rather than keeping a recency list.
    internal static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(60);
    internal const int MaxRecords = 1_000;

    private readonly ConcurrentDictionary<string, (Versioned<SmsRecord> Record, DateTimeOffset At)> _recent = new(StringComparer.Ordinal);

    public void Remember(SmsRecord sms, string etag)
    {
        if (_recent.Count >= MaxRecords)
        {
            _recent.Clear();
        }
        _recent[sms.SmsId] = (new Versioned<SmsRecord>(sms, etag), clock.GetUtcNow());
    }

    /// <summary>The record kept for <paramref name="smsId"/>, once, while recent enough.</summary>
    public Versioned<SmsRecord>? Take(string smsId) =>
        _recent.TryRemove(smsId, out var kept) && clock.GetUtcNow() - kept.At < KeptFor ? kept.Record : null;
}
