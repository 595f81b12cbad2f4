namespace CivilProtection.Infrastructure.Messaging;

/// <summary>
/// What the <see cref="InProcessTransport"/>'s queues hold, kept where it outlives the process: a message the transport
/// accepted is written here before the send returns, so a crash between send and handling loses nothing.
/// </summary>
/// <remarks>
/// One row per message id and queue. A settled message (completed, replayed, discarded, expired) keeps a row without its body
/// until its duplicate-detection window has passed, so a message sent again after a restart is still recognised.
/// </remarks>
public interface IQueueJournal
{
    /// <summary>Every row of the queue: waiting, dead-lettered, and settled within the duplicate-detection window.</summary>
    Task<IReadOnlyList<QueueJournalEntry>> LoadAsync(string queue, CancellationToken cancellationToken);

    /// <summary>Records a message as accepted; false when a message with its id was accepted less than <paramref name="duplicateWindow"/> before (a duplicate).</summary>
    Task<bool> TryAcceptAsync(string queue, QueueJournalEntry entry, TimeSpan duplicateWindow, CancellationToken cancellationToken);

    /// <summary>Records the delivery counts of messages just handed to a receiver.</summary>
    Task RecordDeliveriesAsync(string queue, IReadOnlyList<QueueDelivery> delivered, CancellationToken cancellationToken);

    /// <summary>Records messages as dead-lettered, with their reason and description.</summary>
    Task RecordDeadLettersAsync(string queue, IReadOnlyList<QueueJournalEntry> deadLettered, CancellationToken cancellationToken);

    /// <summary>Records a message as settled: it is not delivered again, and its id is remembered for duplicate detection only.</summary>
    Task SettleAsync(string queue, string messageId, CancellationToken cancellationToken);

    /// <summary>Forgets settled messages accepted before <paramref name="acceptedBefore"/>.</summary>
    Task PruneAsync(string queue, DateTimeOffset acceptedBefore, CancellationToken cancellationToken);
}

/// <summary>Where a journalled message stands.</summary>
public enum QueueJournalState
{
    /// <summary>Waiting, scheduled or being handled.</summary>
    Active,

    /// <summary>In the queue's dead-letter queue.</summary>
    DeadLettered,

    /// <summary>Done with; kept for duplicate detection only.</summary>
    Settled,
}

/// <summary>One journalled message, as the transport restores it.</summary>
public sealed record QueueJournalEntry(
    string MessageId,
    long SequenceNumber,
    string Subject,
    string Body,
    string? CorrelationId,
    string? TraceParent,
    DateTimeOffset AcceptedAt,
    DateTimeOffset EnqueuedTime,
    DateTimeOffset ExpiresAt,
    int DeliveryCount,
    QueueJournalState State,
    string? DeadLetterReason = null,
    string? DeadLetterDescription = null);

/// <summary>A message handed to a receiver, and how many times it has been so far.</summary>
public sealed record QueueDelivery(string MessageId, int DeliveryCount);
