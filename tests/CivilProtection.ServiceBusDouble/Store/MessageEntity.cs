using CivilProtection.Application.Messaging;
using CivilProtection.ServiceBusDouble.Amqp;

namespace CivilProtection.ServiceBusDouble.Store;

/// <summary>
/// One queue, or the dead-letter queue of one, with Service Bus's semantics: sequence numbers, peek-lock with lock
/// tokens and renewal, delivery counts, the maximum delivery count, deferral, scheduling, time to live and duplicate detection.
/// </summary>
/// <remarks>
/// All state sits behind one lock. Time-driven changes (a scheduled message falling due, a lock expiring) are applied
/// by <see cref="ApplyDueChanges"/> at the start of each operation and on the broker's tick. Messages are handed to
/// consumers outside the lock, because the AMQP library may call back into the entity while sending.
/// </remarks>
internal sealed class MessageEntity
{
    /// <summary>The reason and description Service Bus writes when a message passes the maximum delivery count.</summary>
    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";

    /// <summary>The reason Service Bus writes when a message expires on a queue that dead-letters on expiry.</summary>
    public const string TimeToLiveExpired = "TTLExpiredException";

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly DuplicateDetection _duplicates;
    private readonly SortedDictionary<long, BrokeredMessage> _present = [];
    private readonly SortedSet<long> _available = [];
    private readonly PriorityQueue<BrokeredMessage, DateTimeOffset> _scheduled = new();
    private readonly Dictionary<Guid, BrokeredMessage> _locked = [];

    // Renewed or settled locks leave stale entries behind; an entry counts only while it names the message's current lock and time.
    private readonly PriorityQueue<(BrokeredMessage Message, Guid LockToken), DateTimeOffset> _lockExpiries = new();
    private readonly List<IMessageConsumer> _consumers = [];
    private int _nextConsumer;
    private long _lastSequenceNumber;

    public MessageEntity(string path, QueueDescription settings, MessageEntity? deadLetterQueue, TimeProvider time)
    {
        Path = path;
        Settings = settings;
        DeadLetterQueue = deadLetterQueue;
        _time = time;
        _duplicates = new DuplicateDetection(settings.DuplicateDetectionHistoryTimeWindow);
    }

    /// <summary>The entity's path: the queue's name, or <c>queue/$deadletterqueue</c>.</summary>
    public string Path { get; }

    public QueueDescription Settings { get; }

    /// <summary>Where messages go that cannot be delivered; null for a dead-letter queue itself.</summary>
    public MessageEntity? DeadLetterQueue { get; }

    /// <summary>Accepts a sent message, or drops it as a duplicate; returns its sequence number (null for a duplicate).</summary>
    public long? Enqueue(MessageContent content)
    {
        long? sequenceNumber;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!_duplicates.TryAccept(content.MessageId, now))
            {
                return null;
            }

            // A scheduled message is enqueued at its time, and lives its time to live from then, as on Service Bus.
            var scheduled = content.ScheduledEnqueueTime is { } at && at > now ? at : (DateTimeOffset?)null;
            var enqueuedTime = scheduled ?? now;
            var timeToLive = content.TimeToLive is { } asked && asked < Settings.DefaultMessageTimeToLive ? asked : Settings.DefaultMessageTimeToLive;
            var message = new BrokeredMessage(++_lastSequenceNumber, content, enqueuedTime, Add(enqueuedTime, timeToLive))
            {
                ScheduledEnqueueTime = content.ScheduledEnqueueTime,
            };

            _present.Add(message.SequenceNumber, message);
            if (scheduled is { } due)
            {
                message.State = MessageState.Scheduled;
                _scheduled.Enqueue(message, due);
            }
            else
            {
                _available.Add(message.SequenceNumber);
            }

            sequenceNumber = message.SequenceNumber;
        }

        Pump();
        return sequenceNumber;
    }

    /// <summary>Removes a scheduled message before its time.</summary>
    public void CancelScheduled(long sequenceNumber)
    {
        lock (_gate)
        {
            ApplyDueChanges(_time.GetUtcNow());
            if (!_present.TryGetValue(sequenceNumber, out var message) || message.State != MessageState.Scheduled)
            {
                throw new MessageNotFoundException($"No scheduled message with sequence number {sequenceNumber} in '{Path}'.");
            }

            // Its entry in the schedule is skipped when it falls due, since the message is no longer present.
            _present.Remove(sequenceNumber);
        }
    }

    /// <summary>Settles the message holding this lock; throws <see cref="LockLostException"/> when the lock is gone.</summary>
    public void Settle(Guid lockToken, Settlement settlement, IReadOnlyDictionary<string, object?>? propertiesToModify = null, string? reason = null, string? description = null)
    {
        lock (_gate)
        {
            ApplyDueChanges(_time.GetUtcNow());
            if (!_locked.Remove(lockToken, out var message))
            {
                throw new LockLostException($"The lock {lockToken} on a message of '{Path}' expired, was already settled, or never existed.");
            }

            message.LockToken = null;
            foreach (var (name, value) in propertiesToModify ?? new Dictionary<string, object?>())
            {
                message.ModifiedProperties[name] = value;
            }

            switch (settlement)
            {
                case Settlement.Complete:
                    _present.Remove(message.SequenceNumber);
                    break;
                case Settlement.Abandon:
                    ReturnOrDeadLetter(message);
                    break;
                case Settlement.Release:
                    // Not delivered after all, so the delivery does not count towards the maximum.
                    message.DeliveryCount--;
                    ReturnOrDeadLetter(message);
                    break;
                case Settlement.Defer:
                    message.State = MessageState.Deferred;
                    break;
                case Settlement.DeadLetter:
                    MoveToDeadLetterQueue(message, reason, description);
                    break;
            }
        }

        Pump();
    }

    /// <summary>Extends a lock by the entity's lock duration; returns the new locked-until time.</summary>
    public DateTimeOffset RenewLock(Guid lockToken)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            ApplyDueChanges(now);
            if (!_locked.TryGetValue(lockToken, out var message))
            {
                throw new LockLostException($"The lock {lockToken} on a message of '{Path}' expired, was already settled, or never existed.");
            }

            message.LockedUntil = now + Settings.LockDuration;
            _lockExpiries.Enqueue((message, lockToken), message.LockedUntil);
            return message.LockedUntil;
        }
    }

    /// <summary>Reads messages from a sequence number on, whatever their state, without locking them.</summary>
    public IReadOnlyList<MessageSnapshot> Peek(long fromSequenceNumber, int count)
    {
        lock (_gate)
        {
            ApplyDueChanges(_time.GetUtcNow());
            return _present.Where(entry => entry.Key >= fromSequenceNumber).Take(count).Select(entry => entry.Value.Snapshot()).ToList();
        }
    }

    /// <summary>Receives deferred messages by sequence number: locked, or removed in receive-and-delete mode.</summary>
    public IReadOnlyList<MessageSnapshot> ReceiveDeferred(IReadOnlyList<long> sequenceNumbers, bool removeOnDelivery)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            ApplyDueChanges(now);
            var found = new List<BrokeredMessage>();
            foreach (var sequenceNumber in sequenceNumbers)
            {
                if (!_present.TryGetValue(sequenceNumber, out var message) || message.State != MessageState.Deferred || message.LockToken is not null)
                {
                    throw new MessageNotFoundException($"No deferred message with sequence number {sequenceNumber} in '{Path}'.");
                }

                found.Add(message);
            }

            return found.Select(message => removeOnDelivery ? Remove(message) : Lock(message, now)).ToList();
        }
    }

    /// <summary>How many messages the entity holds, by state.</summary>
    public EntityCounts Counts()
    {
        lock (_gate)
        {
            ApplyDueChanges(_time.GetUtcNow());
            var messages = _present.Values.ToList();
            return new EntityCounts(
                Active: messages.Count(m => m.State == MessageState.Active && m.LockToken is null),
                Locked: messages.Count(m => m.LockToken is not null),
                Scheduled: messages.Count(m => m.State == MessageState.Scheduled),
                Deferred: messages.Count(m => m.State == MessageState.Deferred && m.LockToken is null),
                DeadLettered: DeadLetterQueue?.Counts().Active ?? 0);
        }
    }

    public void AddConsumer(IMessageConsumer consumer)
    {
        lock (_gate)
        {
            _consumers.Add(consumer);
        }
    }

    /// <summary>Forgets a receiver whose link closed; the locks it held stay until they expire or are settled over <c>$management</c>.</summary>
    public void RemoveConsumer(IMessageConsumer consumer)
    {
        lock (_gate)
        {
            _consumers.Remove(consumer);
        }
    }

    /// <summary>Adds link credit for a receiver and hands it what is there; with drain, what cannot be handed now is given up.</summary>
    public void AddCredit(IMessageConsumer consumer, int credit, bool drain)
    {
        lock (_gate)
        {
            consumer.Credit += credit;
        }

        Pump();
        if (drain)
        {
            lock (_gate)
            {
                consumer.Credit = 0;
            }
        }
    }

    /// <summary>Applies what fell due (the broker's tick calls this) and hands visible messages to receivers with credit.</summary>
    public void Pump()
    {
        List<(IMessageConsumer Consumer, MessageSnapshot Message, Guid Tag)>? handoffs = null;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            ApplyDueChanges(now);
            while (_available.Count > 0 && NextConsumerWithCredit() is { } consumer)
            {
                var message = _present[_available.Min];
                _available.Remove(message.SequenceNumber);

                // As on Service Bus, expiry is noticed when a receiver reaches the message.
                if (message.ExpiresAt <= now)
                {
                    Expire(message);
                    continue;
                }

                consumer.Credit--;
                var snapshot = consumer.RemovesOnDelivery ? Remove(message) : Lock(message, now);
                (handoffs ??= []).Add((consumer, snapshot, snapshot.LockToken ?? Guid.NewGuid()));
            }
        }

        foreach (var (consumer, message, tag) in handoffs ?? [])
        {
            consumer.Deliver(message, tag);
        }
    }

    /// <summary>Takes a dead-lettered message from this entity's queue, under a new sequence number.</summary>
    private void AcceptDeadLetter(BrokeredMessage from, string? reason, string? description, string source)
    {
        lock (_gate)
        {
            var moved = new BrokeredMessage(++_lastSequenceNumber, from.Content, from.EnqueuedTime, DateTimeOffset.MaxValue)
            {
                DeliveryCount = from.DeliveryCount,
                ScheduledEnqueueTime = from.ScheduledEnqueueTime,
                DeadLetterSource = source,
            };
            foreach (var (name, value) in from.ModifiedProperties)
            {
                moved.ModifiedProperties[name] = value;
            }

            if (reason is not null)
            {
                moved.ModifiedProperties[WireNames.DeadLetterReason] = reason;
            }

            if (description is not null)
            {
                moved.ModifiedProperties[WireNames.DeadLetterErrorDescription] = description;
            }

            _present.Add(moved.SequenceNumber, moved);
            _available.Add(moved.SequenceNumber);
        }

        // Receivers of the dead-letter queue are served from the thread pool: the caller holds its own queue's lock.
        ThreadPool.QueueUserWorkItem(static entity => entity.Pump(), this, preferLocal: false);
    }

    private MessageSnapshot Lock(BrokeredMessage message, DateTimeOffset now)
    {
        var lockToken = Guid.NewGuid();
        message.DeliveryCount++;
        message.LockToken = lockToken;
        message.LockedUntil = now + Settings.LockDuration;
        _locked.Add(lockToken, message);
        _lockExpiries.Enqueue((message, lockToken), message.LockedUntil);
        return message.Snapshot();
    }

    private MessageSnapshot Remove(BrokeredMessage message)
    {
        message.DeliveryCount++;
        _present.Remove(message.SequenceNumber);
        return message.Snapshot();
    }

    private IMessageConsumer? NextConsumerWithCredit()
    {
        // Round robin, so concurrent receivers share the queue as on Service Bus.
        for (var i = 0; i < _consumers.Count; i++)
        {
            var consumer = _consumers[(_nextConsumer + i) % _consumers.Count];
            if (consumer.Credit > 0)
            {
                _nextConsumer = (_nextConsumer + i + 1) % _consumers.Count;
                return consumer;
            }
        }

        return null;
    }

    /// <summary>Makes due scheduled messages visible and takes back messages whose lock expired.</summary>
    private void ApplyDueChanges(DateTimeOffset now)
    {
        while (_scheduled.TryPeek(out var scheduled, out var due) && due <= now)
        {
            _scheduled.Dequeue();
            if (_present.ContainsKey(scheduled.SequenceNumber) && scheduled.State == MessageState.Scheduled)
            {
                scheduled.State = MessageState.Active;
                _available.Add(scheduled.SequenceNumber);
            }
        }

        while (_lockExpiries.TryPeek(out var held, out var lockedUntil) && lockedUntil <= now)
        {
            _lockExpiries.Dequeue();
            var message = held.Message;
            if (message.LockToken != held.LockToken || message.LockedUntil > now)
            {
                continue;
            }

            _locked.Remove(held.LockToken);
            message.LockToken = null;

            // A deferred message received by sequence number goes back to being deferred.
            if (message.State != MessageState.Deferred)
            {
                ReturnOrDeadLetter(message);
            }
        }
    }

    private void ReturnOrDeadLetter(BrokeredMessage message)
    {
        if (message.State == MessageState.Deferred)
        {
            return;
        }

        if (DeadLetterQueue is not null && message.DeliveryCount >= Settings.MaxDeliveryCount)
        {
            MoveToDeadLetterQueue(
                message,
                MaxDeliveryCountExceeded,
                $"Message could not be consumed after {Settings.MaxDeliveryCount} delivery attempts.");
            return;
        }

        _available.Add(message.SequenceNumber);
    }

    private void Expire(BrokeredMessage message)
    {
        _present.Remove(message.SequenceNumber);
        if (Settings.DeadLetteringOnMessageExpiration && DeadLetterQueue is not null)
        {
            DeadLetterQueue.AcceptDeadLetter(message, TimeToLiveExpired, "The message expired and was dead lettered.", Path);
        }
    }

    private void MoveToDeadLetterQueue(BrokeredMessage message, string? reason, string? description)
    {
        _present.Remove(message.SequenceNumber);

        // A dead-letter queue has none of its own: Service Bus refuses to dead-letter from it, and so does the double (the message stays).
        if (DeadLetterQueue is null)
        {
            _present.Add(message.SequenceNumber, message);
            _available.Add(message.SequenceNumber);
            return;
        }

        DeadLetterQueue.AcceptDeadLetter(message, reason, description, Path);
    }

    // Service Bus's default time to live is TimeSpan.MaxValue, which would overflow a plain addition.
    private static DateTimeOffset Add(DateTimeOffset instant, TimeSpan span) =>
        span >= DateTimeOffset.MaxValue - instant ? DateTimeOffset.MaxValue : instant + span;
}
