using CivilProtection.ServiceBusDouble.Amqp;

namespace CivilProtection.ServiceBusDouble.Store;

/// <summary>Where a message stands in its entity, as Service Bus reports it in <c>x-opt-message-state</c>.</summary>
internal enum MessageState
{
    Active = 0,
    Deferred = 1,
    Scheduled = 2,
}

/// <summary>A message held by an entity: what the sender sent, and what the broker keeps about it.</summary>
/// <remarks>Mutable, and only touched under the owning entity's lock; what leaves the lock is a <see cref="MessageSnapshot"/>.</remarks>
internal sealed class BrokeredMessage(long sequenceNumber, MessageContent content, DateTimeOffset enqueuedTime, DateTimeOffset expiresAt)
{
    public long SequenceNumber { get; } = sequenceNumber;

    public MessageContent Content { get; } = content;

    public DateTimeOffset EnqueuedTime { get; set; } = enqueuedTime;

    public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

    public MessageState State { get; set; } = MessageState.Active;

    public DateTimeOffset? ScheduledEnqueueTime { get; set; }

    public int DeliveryCount { get; set; }

    /// <summary>The current lock, if any; a settlement naming any other token is refused as lock lost.</summary>
    public Guid? LockToken { get; set; }

    public DateTimeOffset LockedUntil { get; set; }

    /// <summary>Properties a receiver changed when it abandoned, deferred or dead-lettered the message.</summary>
    public Dictionary<string, object?> ModifiedProperties { get; } = new(StringComparer.Ordinal);

    public string? DeadLetterSource { get; set; }

    public MessageSnapshot Snapshot() => new(
        SequenceNumber,
        Content,
        EnqueuedTime,
        ExpiresAt,
        State,
        ScheduledEnqueueTime,
        DeliveryCount,
        LockToken,
        LockedUntil,
        new Dictionary<string, object?>(ModifiedProperties, StringComparer.Ordinal),
        DeadLetterSource);
}

/// <summary>A message as it stood when it left its entity's lock: what a delivery or a management answer encodes.</summary>
internal sealed record MessageSnapshot(
    long SequenceNumber,
    MessageContent Content,
    DateTimeOffset EnqueuedTime,
    DateTimeOffset ExpiresAt,
    MessageState State,
    DateTimeOffset? ScheduledEnqueueTime,
    int DeliveryCount,
    Guid? LockToken,
    DateTimeOffset LockedUntil,
    IReadOnlyDictionary<string, object?> ModifiedProperties,
    string? DeadLetterSource);
