namespace CivilProtection.Application.Outbox;

/// <summary>
/// The outbox rows committed with each change, and the markers that say which requests may still have some.
/// A marker is written before the change commits, so a crash between commit and publish leaves a trace the sweep finds.
/// </summary>
public interface IOutboxStore
{
    /// <summary>Marks a request as possibly having unpublished outbox rows; called before its change commits.</summary>
    Task MarkPendingAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>Requests that may have unpublished rows, oldest markers first.</summary>
    Task<IReadOnlyList<OutboxMarker>> ListMarkersAsync(int max, CancellationToken cancellationToken);

    /// <summary>The unpublished outbox rows of one request.</summary>
    Task<IReadOnlyList<OutboxRow>> ReadAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>Removes a published row; removing one already gone is not an error.</summary>
    Task RemoveAsync(OutboxRow row, CancellationToken cancellationToken);

    /// <summary>Removes the marker unless it was written again after it was read (then a newer change may be pending).</summary>
    Task ClearMarkerAsync(OutboxMarker marker, CancellationToken cancellationToken);
}

/// <summary>A request that may have unpublished outbox rows; <see cref="Tag"/> detects a newer marking.</summary>
public sealed record OutboxMarker(string RequestId, string Tag, DateTimeOffset MarkedAt);

/// <summary>One message waiting in a request's outbox; with <see cref="ScheduledFor"/> it is delivered only then.</summary>
/// <remarks><see cref="TraceParent"/>: the W3C trace context of the change that wrote the row, carried on to the message.</remarks>
public sealed record OutboxRow(
    string RequestId, string MessageId, string Queue, string Subject, string Body, string CorrelationId, DateTimeOffset? ScheduledFor = null, string? TraceParent = null);
