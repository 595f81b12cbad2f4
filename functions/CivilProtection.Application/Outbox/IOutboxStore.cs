namespace CivilProtection.Application.Outbox;

/// <summary>
/// The outbox rows committed with each change, and the markers that say which changes may still have rows to publish.
/// A marker is written before its change commits, so a crash between commit and publish leaves a trace the sweep finds.
/// A filing writes none: its request id sorts by filing time, so the sweep finds recent filings by a key range.
/// </summary>
public interface IOutboxStore
{
    /// <summary>Marks one change of a request as possibly having unpublished outbox rows; called before the change commits.</summary>
    Task<OutboxMarker> MarkPendingAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>Markers written before <paramref name="markedBefore"/>, oldest first.</summary>
    Task<IReadOnlyList<OutboxMarker>> ListMarkersAsync(DateTimeOffset markedBefore, int max, CancellationToken cancellationToken);

    /// <summary>Unpublished outbox rows of the requests filed in [<paramref name="filedFrom"/>, <paramref name="filedBefore"/>), found by their ids.</summary>
    Task<IReadOnlyList<OutboxRow>> ReadFiledBetweenAsync(DateTimeOffset filedFrom, DateTimeOffset filedBefore, int max, CancellationToken cancellationToken);

    /// <summary>The unpublished outbox rows of one request.</summary>
    Task<IReadOnlyList<OutboxRow>> ReadAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>Removes published rows of one request; removing rows already gone is not an error.</summary>
    Task RemoveAsync(IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken);

    /// <summary>Removes a marker once its change is published; removing one already gone is not an error.</summary>
    Task ClearMarkerAsync(OutboxMarker marker, CancellationToken cancellationToken);
}

/// <summary>One change of a request that may have unpublished outbox rows; <see cref="MarkerId"/> tells the changes apart.</summary>
public sealed record OutboxMarker(string RequestId, string MarkerId, DateTimeOffset MarkedAt);

/// <summary>
/// What one commit left to publish: its rows as committed, and the marker to clear once they are on their queues
/// (none for a filing, which the sweep finds by its id).
/// </summary>
public sealed record CommittedOutbox(OutboxMarker? Marker, IReadOnlyList<OutboxRow> Rows)
{
    /// <summary>The request the commit changed.</summary>
    public string RequestId => Marker?.RequestId ?? (Rows.Count > 0 ? Rows[0].RequestId : "");
}

/// <summary>One message waiting in a request's outbox; with <see cref="ScheduledFor"/> it is delivered only then.</summary>
/// <remarks><see cref="TraceParent"/>: the W3C trace context of the change that wrote the row, carried on to the message.</remarks>
public sealed record OutboxRow(
    string RequestId, string MessageId, string Queue, string Subject, string Body, string CorrelationId, DateTimeOffset? ScheduledFor = null, string? TraceParent = null)
{
    /// <summary>The stored entry holding this message (one per change, for all its messages); set by the store, which removes by it.</summary>
    public string? Entry { get; init; }
}
