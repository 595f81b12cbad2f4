using CivilProtection.Application.Messaging;

namespace CivilProtection.Infrastructure.Messaging;

/// <summary>One message held by an <see cref="InProcessQueue"/>, with the broker-side state Service Bus keeps for it.</summary>
internal sealed class InProcessMessage(long sequenceNumber, OutgoingMessage content, DateTimeOffset enqueuedTime, DateTimeOffset expiresAt, DateTimeOffset acceptedAt)
{
    public long SequenceNumber { get; } = sequenceNumber;

    public OutgoingMessage Content { get; } = content;

    /// <summary>When the message became visible: the send, or the scheduled time.</summary>
    public DateTimeOffset EnqueuedTime { get; } = enqueuedTime;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>When the queue accepted the message: the start of its duplicate-detection window.</summary>
    public DateTimeOffset AcceptedAt { get; } = acceptedAt;

    /// <summary>How many times the message has been handed to a receiver.</summary>
    public int DeliveryCount { get; set; }

    /// <summary>The lock of the current delivery; null while the message is not locked.</summary>
    public string? LockToken { get; set; }

    public ReceivedMessage ToReceived(string queue, string lockToken, string? deadLetterReason = null, string? deadLetterDescription = null) =>
        new(
            queue,
            Content.MessageId,
            Content.Subject,
            Content.Body,
            Content.CorrelationId,
            DeliveryCount,
            EnqueuedTime,
            lockToken,
            deadLetterReason,
            deadLetterDescription,
            Content.TraceParent)
        {
            SequenceNumber = SequenceNumber,
        };

    /// <summary>The journal's row for this message in the given state.</summary>
    public QueueJournalEntry ToJournal(QueueJournalState state, string? deadLetterReason = null, string? deadLetterDescription = null) =>
        new(
            Content.MessageId,
            SequenceNumber,
            Content.Subject,
            Content.Body,
            Content.CorrelationId,
            Content.TraceParent,
            AcceptedAt,
            EnqueuedTime,
            ExpiresAt,
            DeliveryCount,
            state,
            deadLetterReason,
            deadLetterDescription);

    public static InProcessMessage FromJournal(QueueJournalEntry row) =>
        new(
            row.SequenceNumber,
            new OutgoingMessage(
                row.MessageId,
                row.Subject,
                row.Body,
                row.CorrelationId,
                row.EnqueuedTime > row.AcceptedAt ? row.EnqueuedTime : null,
                row.TraceParent),
            row.EnqueuedTime,
            row.ExpiresAt,
            row.AcceptedAt)
        {
            DeliveryCount = row.DeliveryCount,
        };
}
