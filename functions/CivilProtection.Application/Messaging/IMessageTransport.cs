namespace CivilProtection.Application.Messaging;

/// <summary>The queue transport the workflow rides on: Azure Service Bus in Azure, an in-process transport locally.</summary>
/// <remarks>
/// The contract is Service Bus's peek-lock model: a received message is locked, and must be completed,
/// abandoned (delivered again, delivery count rises) or dead-lettered. A message whose delivery count
/// passes the queue's maximum moves to the dead-letter queue. A message sent twice with the same
/// <see cref="OutgoingMessage.MessageId"/> within the queue's duplicate-detection window is kept once.
/// </remarks>
public interface IMessageTransport
{
    /// <summary>Sends one message; with <see cref="OutgoingMessage.ScheduledEnqueueTime"/> it becomes visible only then.</summary>
    Task SendAsync(string queue, OutgoingMessage message, CancellationToken cancellationToken);

    /// <summary>Receives up to <paramref name="maxMessages"/> locked messages, waiting at most <paramref name="maxWait"/> for the first.</summary>
    Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken);

    /// <summary>Removes a handled message.</summary>
    Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken);

    /// <summary>Releases the lock so the message is delivered again (a transient fault).</summary>
    Task AbandonAsync(ReceivedMessage message, CancellationToken cancellationToken);

    /// <summary>Moves a message that can never succeed to the queue's dead-letter queue.</summary>
    Task DeadLetterAsync(ReceivedMessage message, string reason, string description, CancellationToken cancellationToken);

    /// <summary>Reads, without locking or removing, what sits in a queue's dead-letter queue (for operators and tests).</summary>
    Task<IReadOnlyList<ReceivedMessage>> PeekDeadLettersAsync(string queue, int maxMessages, CancellationToken cancellationToken);

    /// <summary>Sends a dead-lettered message back to its queue as a fresh delivery and removes it from the dead-letter queue; false when it is no longer there.</summary>
    /// <remarks>The copy gets a message id of its own (<see cref="DeadLetterReplay.MessageIdOf"/>): under the original id, duplicate detection would drop it.</remarks>
    Task<bool> ReplayDeadLetterAsync(string queue, long sequenceNumber, CancellationToken cancellationToken);

    /// <summary>Removes a dead-lettered message for good; false when it is no longer there.</summary>
    Task<bool> DiscardDeadLetterAsync(string queue, long sequenceNumber, CancellationToken cancellationToken);
}

/// <summary>A message to send; the body is JSON text. <see cref="MessageId"/> drives duplicate detection, so it must be stable across re-sends.</summary>
/// <remarks><see cref="TraceParent"/>: the W3C trace context of the change that wrote the message, so its handling joins that trace.</remarks>
public sealed record OutgoingMessage(
    string MessageId,
    string Subject,
    string Body,
    string? CorrelationId = null,
    DateTimeOffset? ScheduledEnqueueTime = null,
    string? TraceParent = null);

/// <summary>A locked message as received. <see cref="LockToken"/> identifies the lock for settlement.</summary>
public sealed record ReceivedMessage(
    string Queue,
    string MessageId,
    string Subject,
    string Body,
    string? CorrelationId,
    int DeliveryCount,
    DateTimeOffset EnqueuedTime,
    string LockToken,
    string? DeadLetterReason = null,
    string? DeadLetterDescription = null,
    string? TraceParent = null)
{
    /// <summary>The transport's own message object, for the adapter that received it.</summary>
    public object? Native { get; init; }

    /// <summary>The number the queue gave the message when it accepted it, unique within the queue; it names a dead letter to replay or discard.</summary>
    public long SequenceNumber { get; init; }
}

/// <summary>How a replayed dead letter is named.</summary>
public static class DeadLetterReplay
{
    /// <summary>The replayed copy's id: the original's with the dead letter's sequence number, stable if a replay is retried, new to duplicate detection.</summary>
    public static string MessageIdOf(string originalMessageId, long sequenceNumber) => $"{originalMessageId}~replay-{sequenceNumber}";
}
