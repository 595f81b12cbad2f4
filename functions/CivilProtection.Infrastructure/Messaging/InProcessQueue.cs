using CivilProtection.Application.Messaging;

namespace CivilProtection.Infrastructure.Messaging;

/// <summary>One queue of the <see cref="InProcessTransport"/>: peek-lock, delivery counting, dead-lettering, duplicate detection, scheduling and expiry as Service Bus does them.</summary>
/// <remarks>
/// The queue is memory; the transport keeps its journal. What the queue changes on its own (a message dead-lettered
/// after its last delivery, one expired) is listed for the transport to journal (<see cref="TakeUnjournaled"/>).
/// All state sits behind one lock per queue; every operation is a few heap or dictionary steps under it.
/// Time-driven changes (a scheduled message falling due, a lock expiring) are applied lazily by
/// <see cref="ApplyDueChanges"/> at the start of each operation, and a single timer wakes the queue
/// only when a receiver is waiting for them, so nothing polls.
/// </remarks>
internal sealed class InProcessQueue : IDisposable
{
    private static readonly TimeSpan Soonest = TimeSpan.FromTicks(1);

    private readonly QueueDescription _description;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly DuplicateDetectionHistory _history;

    // Visible messages in sequence order: an abandoned message returns to its place, as on Service Bus.
    private readonly PriorityQueue<InProcessMessage, long> _visible = new();
    private readonly PriorityQueue<InProcessMessage, DateTimeOffset> _scheduled = new();
    private readonly Dictionary<string, InProcessMessage> _locked = new(StringComparer.Ordinal);

    // Settled messages are not removed from here (a heap cannot remove cheaply); entries whose lock is no longer current are skipped.
    private readonly PriorityQueue<(InProcessMessage Message, string LockToken), DateTimeOffset> _lockExpiries = new();
    private readonly List<DeadLetteredMessage> _deadLetters = [];
    private readonly List<QueueSettlement> _unjournaled = [];
    private readonly LinkedList<ReceiveWaiter> _waiters = new();
    private readonly ITimer _wakeUp;
    private DateTimeOffset _wakeUpAt = DateTimeOffset.MaxValue;
    private long _lastSequenceNumber;
    private bool _disposed;

    public InProcessQueue(QueueDescription description, TimeProvider time)
    {
        _description = description;
        _time = time;
        _history = new DuplicateDetectionHistory(description.DuplicateDetectionHistoryTimeWindow);
        _wakeUp = time.CreateTimer(static state => ((InProcessQueue)state!).OnWakeUp(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public string Name => _description.Name;

    /// <summary>Whether a message with this id was accepted within the duplicate-detection window.</summary>
    public bool IsDuplicate(string messageId)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _history.Contains(messageId, _time.GetUtcNow());
        }
    }

    /// <summary>The queue's record of a message about to be accepted: its sequence number, when it becomes visible, when it expires. Nothing is enqueued yet.</summary>
    public InProcessMessage Admit(OutgoingMessage message)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetUtcNow();
            var visibleFrom = message.ScheduledEnqueueTime is { } scheduled && scheduled > now ? scheduled : now;
            return new InProcessMessage(++_lastSequenceNumber, message, visibleFrom, ExpiryOf(visibleFrom), now);
        }
    }

    /// <summary>Enqueues an admitted message, unless its id was accepted within the duplicate-detection window; false when dropped.</summary>
    public bool Enqueue(InProcessMessage entry)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetUtcNow();
            if (!_history.TryAccept(entry.Content.MessageId, now))
            {
                return false;
            }

            if (entry.EnqueuedTime > now)
            {
                _scheduled.Enqueue(entry, entry.EnqueuedTime);
            }
            else
            {
                _visible.Enqueue(entry, entry.SequenceNumber);
            }

            HandToWaiters(now);
            return true;
        }
    }

    /// <summary>Puts back what a journal held when the queue was last alive, oldest first: locks did not survive, delivery counts did.</summary>
    public void Restore(IEnumerable<QueueJournalEntry> journal)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetUtcNow();
            foreach (var row in journal.OrderBy(row => row.SequenceNumber))
            {
                _lastSequenceNumber = Math.Max(_lastSequenceNumber, row.SequenceNumber);
                _history.Remember(row.MessageId, row.AcceptedAt, now);
                if (row.State == QueueJournalState.Settled)
                {
                    continue;
                }

                var entry = InProcessMessage.FromJournal(row);
                if (row.State == QueueJournalState.DeadLettered)
                {
                    _deadLetters.Add(new DeadLetteredMessage(entry, row.DeadLetterReason ?? string.Empty, row.DeadLetterDescription ?? string.Empty));
                }
                else if (entry.EnqueuedTime > now)
                {
                    _scheduled.Enqueue(entry, entry.EnqueuedTime);
                }
                else
                {
                    // A message whose last delivery was in flight when the process died: dead-lettered now if that was its last.
                    ReturnOrDeadLetter(entry);
                }
            }

            HandToWaiters(now);
        }
    }

    /// <summary>What the queue settled on its own since the last call (dead-lettered after its last delivery, expired), for the journal.</summary>
    public IReadOnlyList<QueueSettlement> TakeUnjournaled()
    {
        lock (_gate)
        {
            if (_unjournaled.Count == 0)
            {
                return [];
            }

            var taken = _unjournaled.ToList();
            _unjournaled.Clear();
            return taken;
        }
    }

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ReceiveWaiter waiter;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            cancellationToken.ThrowIfCancellationRequested();
            var now = _time.GetUtcNow();
            ApplyDueChanges(now);
            var batch = LockVisible(maxMessages, now);
            if (batch.Count > 0 || maxWait == TimeSpan.Zero)
            {
                RescheduleWakeUp(now);
                return Task.FromResult<IReadOnlyList<ReceivedMessage>>(batch);
            }

            waiter = new ReceiveWaiter(maxMessages);
            waiter.Node = _waiters.AddLast(waiter);
            RescheduleWakeUp(now);
        }

        return WaitAsync(waiter, maxWait, cancellationToken);
    }

    public void Complete(string lockToken)
    {
        lock (_gate)
        {
            ReleaseLock(lockToken);
        }
    }

    /// <summary>Takes a dead letter out and enqueues a copy under its replay id, as a fresh delivery; null when there is no such dead letter.</summary>
    public (InProcessMessage DeadLetter, InProcessMessage Copy)? Replay(long sequenceNumber)
    {
        lock (_gate)
        {
            if (TakeDeadLetter(sequenceNumber) is not { } original)
            {
                return null;
            }

            var now = _time.GetUtcNow();
            var content = original.Content with
            {
                MessageId = DeadLetterReplay.MessageIdOf(original.Content.MessageId, sequenceNumber),
                ScheduledEnqueueTime = null,
            };
            var copy = new InProcessMessage(++_lastSequenceNumber, content, now, ExpiryOf(now), now);
            // A replay is an operator's decision: duplicate detection does not second-guess it, but it remembers the copy's id.
            _history.TryAccept(content.MessageId, now);
            _visible.Enqueue(copy, copy.SequenceNumber);
            HandToWaiters(now);
            return (original, copy);
        }
    }

    /// <summary>Removes a dead letter for good; null when there is no such dead letter.</summary>
    public InProcessMessage? Discard(long sequenceNumber)
    {
        lock (_gate)
        {
            return TakeDeadLetter(sequenceNumber);
        }
    }

    private InProcessMessage? TakeDeadLetter(long sequenceNumber)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var index = _deadLetters.FindIndex(dead => dead.Entry.SequenceNumber == sequenceNumber);
        if (index < 0)
        {
            return null;
        }

        var taken = _deadLetters[index].Entry;
        _deadLetters.RemoveAt(index);
        return taken;
    }

    public void Abandon(string lockToken)
    {
        lock (_gate)
        {
            var entry = ReleaseLock(lockToken);
            ReturnOrDeadLetter(entry);
            HandToWaiters(_time.GetUtcNow());
        }
    }

    public void DeadLetter(string lockToken, string reason, string description)
    {
        lock (_gate)
        {
            var entry = ReleaseLock(lockToken);
            MoveToDeadLetters(entry, reason, description);
        }
    }

    public IReadOnlyList<ReceivedMessage> PeekDeadLetters(int maxMessages)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _deadLetters.Take(maxMessages)
                .Select(dead => dead.Entry.ToReceived(Name, Guid.Empty.ToString(), dead.Reason, dead.Description))
                .ToList();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _wakeUp.Dispose();
            foreach (var waiter in _waiters)
            {
                waiter.Deliver([]);
            }

            _waiters.Clear();
        }
    }

    private async Task<IReadOnlyList<ReceivedMessage>> WaitAsync(ReceiveWaiter waiter, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        using var timeout = _time.CreateTimer(
            static state => { var (queue, waiter) = ((InProcessQueue, ReceiveWaiter))state!; queue.StopWaiting(waiter, null); },
            (this, waiter),
            maxWait,
            Timeout.InfiniteTimeSpan);
        await using var cancellation = cancellationToken.Register(
            static (state, token) => { var (queue, waiter) = ((InProcessQueue, ReceiveWaiter))state!; queue.StopWaiting(waiter, token); },
            (this, waiter));
        return await waiter.Result.ConfigureAwait(false);
    }

    /// <summary>Ends a wait that timed out (no token) or was cancelled, unless messages were already handed to it.</summary>
    private void StopWaiting(ReceiveWaiter waiter, CancellationToken? cancelledBy)
    {
        lock (_gate)
        {
            if (waiter.Node is null)
            {
                return;
            }

            _waiters.Remove(waiter.Node);
            waiter.Node = null;
            if (cancelledBy is { } token)
            {
                waiter.Cancel(token);
            }
            else
            {
                waiter.Deliver([]);
            }

            RescheduleWakeUp(_time.GetUtcNow());
        }
    }

    private void OnWakeUp()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _wakeUpAt = DateTimeOffset.MaxValue;
            HandToWaiters(_time.GetUtcNow());
        }
    }

    private InProcessMessage ReleaseLock(string lockToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ApplyDueChanges(_time.GetUtcNow());
        if (!_locked.Remove(lockToken, out var entry))
        {
            throw new MessageLockLostException(
                $"The lock on a message of queue '{Name}' was lost: it expired, or the message was already settled.");
        }

        entry.LockToken = null;
        return entry;
    }

    /// <summary>Makes due scheduled messages visible and takes back messages whose lock expired.</summary>
    private void ApplyDueChanges(DateTimeOffset now)
    {
        while (_scheduled.TryPeek(out var scheduled, out var visibleFrom) && visibleFrom <= now)
        {
            _scheduled.Dequeue();
            _visible.Enqueue(scheduled, scheduled.SequenceNumber);
        }

        while (_lockExpiries.TryPeek(out var held, out var lockedUntil))
        {
            if (held.Message.LockToken != held.LockToken)
            {
                _lockExpiries.Dequeue();
                continue;
            }

            if (lockedUntil > now)
            {
                break;
            }

            _lockExpiries.Dequeue();
            _locked.Remove(held.LockToken);
            held.Message.LockToken = null;
            ReturnOrDeadLetter(held.Message);
        }
    }

    /// <summary>Gives visible messages to waiting receivers, oldest waiter first, then sets the timer for the next due change.</summary>
    private void HandToWaiters(DateTimeOffset now)
    {
        ApplyDueChanges(now);
        while (_waiters.First is { } first && _visible.Count > 0)
        {
            var batch = LockVisible(first.Value.MaxMessages, now);
            if (batch.Count == 0)
            {
                break;
            }

            _waiters.RemoveFirst();
            first.Value.Node = null;
            first.Value.Deliver(batch);
        }

        RescheduleWakeUp(now);
    }

    private List<ReceivedMessage> LockVisible(int maxMessages, DateTimeOffset now)
    {
        var batch = new List<ReceivedMessage>(Math.Min(maxMessages, _visible.Count));
        while (batch.Count < maxMessages && _visible.TryDequeue(out var entry, out _))
        {
            // Like Service Bus, expiry is noticed when a receiver reaches the message.
            if (entry.ExpiresAt <= now)
            {
                Expire(entry);
                continue;
            }

            var lockToken = Guid.NewGuid().ToString();
            entry.DeliveryCount++;
            entry.LockToken = lockToken;
            _locked.Add(lockToken, entry);
            _lockExpiries.Enqueue((entry, lockToken), LockedUntil(now));
            batch.Add(entry.ToReceived(Name, lockToken));
        }

        return batch;
    }

    private void ReturnOrDeadLetter(InProcessMessage entry)
    {
        if (entry.DeliveryCount >= _description.MaxDeliveryCount)
        {
            MoveToDeadLetters(
                entry,
                DeadLetterReasons.MaxDeliveryCountExceeded,
                $"Message could not be consumed after {_description.MaxDeliveryCount} delivery attempts.");
            return;
        }

        _visible.Enqueue(entry, entry.SequenceNumber);
    }

    private void Expire(InProcessMessage entry)
    {
        if (_description.DeadLetteringOnMessageExpiration)
        {
            MoveToDeadLetters(entry, DeadLetterReasons.TimeToLiveExpired, "The message expired and was dead lettered.");
            return;
        }

        _unjournaled.Add(new QueueSettlement(entry, DeadLetter: null));
    }

    private void MoveToDeadLetters(InProcessMessage entry, string reason, string description)
    {
        var deadLetter = new DeadLetteredMessage(entry, reason, description);
        _deadLetters.Add(deadLetter);
        _unjournaled.Add(new QueueSettlement(entry, deadLetter));
    }

    /// <summary>Arms the one timer for the next scheduled message or lock expiry, but only while a receiver waits for it.</summary>
    private void RescheduleWakeUp(DateTimeOffset now)
    {
        var next = DateTimeOffset.MaxValue;
        if (_waiters.Count > 0)
        {
            if (_scheduled.TryPeek(out _, out var visibleFrom))
            {
                next = visibleFrom;
            }

            if (_lockExpiries.TryPeek(out _, out var lockedUntil) && lockedUntil < next)
            {
                next = lockedUntil;
            }
        }

        if (next == _wakeUpAt)
        {
            return;
        }

        _wakeUpAt = next;
        // Never a zero due time: a fake clock would call back at once, re-entering this lock.
        var dueIn = next == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : Max(next - now, Soonest);
        _wakeUp.Change(dueIn, Timeout.InfiniteTimeSpan);
    }

    private DateTimeOffset ExpiryOf(DateTimeOffset enqueuedTime) => Add(enqueuedTime, _description.DefaultMessageTimeToLive);

    private DateTimeOffset LockedUntil(DateTimeOffset now) => Add(now, _description.LockDuration);

    // Service Bus's default time to live is TimeSpan.MaxValue, which would overflow a plain addition.
    private static DateTimeOffset Add(DateTimeOffset instant, TimeSpan span) =>
        span >= DateTimeOffset.MaxValue - instant ? DateTimeOffset.MaxValue : instant + span;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>A message in a queue's dead-letter queue, with why it is there.</summary>
internal sealed record DeadLetteredMessage(InProcessMessage Entry, string Reason, string Description);

/// <summary>A message the queue settled by itself: dead-lettered (<see cref="DeadLetteredMessage"/>), or dropped on expiry (null).</summary>
internal sealed record QueueSettlement(InProcessMessage Entry, DeadLetteredMessage? DeadLetter);
