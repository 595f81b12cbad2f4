using System.Collections.Concurrent;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// The request snapshots this process last read or wrote, kept as their JSON with the tag and version they carried.
/// One change sets off several handlers, most often in the process that made it (the answer's workflow drain runs them
/// right after it), and each used to read the snapshot again: a handler that only needs the version its message names,
/// or a newer one, takes it from here instead (<see cref="TableRequestStore.FindAsync(string, int, CancellationToken)"/>).
/// Nothing that guards a write trusts it blindly: a stale tag only makes that write fail and read again.
/// </summary>
public sealed class RequestSnapshotCache(TimeProvider clock)
{
    // Bounded in time and size: a snapshot is wanted in the seconds after its change, and a process holds a few hundred
    // requests in play at most; past the bound the whole cache starts again rather than keeping a recency list. A
    // request to dozens of partners can have a snapshot of hundreds of KB: those are read again rather than kept, so the
    // cache stays within about 64 MB.
    internal static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(60);
    internal const int MaxRequests = 1_000;
    internal const int MaxJsonChars = 64 * 1024;

    private readonly ConcurrentDictionary<string, Snapshot> _recent = new(StringComparer.Ordinal);

    internal sealed record Snapshot(string Json, string ETag, int Version, DateTimeOffset At);

    /// <summary>Keeps a snapshot unless a newer version of the same request is kept already.</summary>
    public void Remember(string requestId, string json, string etag, int version)
    {
        if (json.Length > MaxJsonChars)
        {
            Forget(requestId);
            return;
        }
        if (_recent.Count >= MaxRequests)
        {
            _recent.Clear();
        }
        var snapshot = new Snapshot(json, etag, version, clock.GetUtcNow());
        _recent.AddOrUpdate(requestId, snapshot, (_, kept) => kept.Version > version ? kept : snapshot);
    }

    /// <summary>The snapshot kept for the request when it is at least <paramref name="version"/> and recent enough.</summary>
    internal Snapshot? Find(string requestId, int version) =>
        _recent.TryGetValue(requestId, out var kept) && kept.Version >= version && clock.GetUtcNow() - kept.At < KeptFor ? kept : null;

    /// <summary>Forgets the request: a write of it failed, so what is kept may be what someone else replaced.</summary>
    public void Forget(string requestId) => _recent.TryRemove(requestId, out _);
}
