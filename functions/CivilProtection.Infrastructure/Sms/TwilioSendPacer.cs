using CivilProtection.Application.Sms;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>
/// Paces calls to Twilio to the account's allowed rate, so that a burst of sends goes out at that rate instead of
/// meeting 429s and backing off into gaps. Twilio counts its rate (MPS) in segments, not messages: a call takes as many
/// slots as its SMS has segments (a 3-segment Arabic notice three), slots open one interval (1 / rate) apart, and every
/// call, a retry too, waits for its turn. Pages go before dispatch offers; within a priority, the first to ask goes first.
/// </summary>
/// <remarks>
/// A slot nobody takes is not saved up, so a quiet spell is not followed by a burst; a slot taken late (a timer
/// firing late, a caller arriving just after it opened) keeps the schedule, so lateness does not eat the rate.
/// The pacer knows only this process: other instances sending with the same account have their own.
/// </remarks>
internal sealed class TwilioSendPacer : IDisposable
{
    public const double MinRate = 0.01;
    public const double MaxRate = 1000;

    // A system timer counts whole milliseconds and may fire a little before a slot opens: it then waits at least this.
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter>[] _waiting = [.. Enum.GetValues<SmsPriority>().Select(_ => new LinkedList<Waiter>())];
    private TimeSpan _nextSlot;
    private int _waitingCount;
    private bool _timerArmed;
    private bool _disposed;

    public TwilioSendPacer(double messagesPerSecond, TimeProvider time)
    {
        if (messagesPerSecond is not (>= MinRate and <= MaxRate))
        {
            throw new ArgumentOutOfRangeException(nameof(messagesPerSecond), messagesPerSecond, FormattableString.Invariant($"Between {MinRate} and {MaxRate} messages a second."));
        }
        // Rounded up, so the pace never exceeds the rate.
        Interval = TimeSpan.FromTicks((long)Math.Ceiling(TimeSpan.TicksPerSecond / messagesPerSecond));
        _time = time;
        _origin = time.GetTimestamp();
        _timer = time.CreateTimer(static state => ((TwilioSendPacer)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The time between two slots.</summary>
    public TimeSpan Interval { get; }

    /// <summary>How many calls are waiting for a slot.</summary>
    public int Waiting
    {
        get { lock (_gate) { return _waitingCount; } }
    }

    private TimeSpan Now => _time.GetElapsedTime(_origin);

    /// <summary>
    /// Completes when this call may go to Twilio. Cancelled with <paramref name="cancellationToken"/> (the slot then
    /// goes to the next in line) or when the pacer is disposed.
    /// </summary>
    /// <param name="segments">How many segments the SMS has: the slots it uses up, so the next call goes that many intervals later.</param>
    public Task WaitForSlotAsync(SmsPriority priority, CancellationToken cancellationToken, int segments = 1)
    {
        if (!Enum.IsDefined(priority))
        {
            throw new ArgumentOutOfRangeException(nameof(priority), priority, "No such priority.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(segments, 1);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }
        var waiter = new Waiter(this, segments);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = Now;
            if (_waitingCount == 0 && now >= _nextSlot)
            {
                TakeSlots(now, segments);
                return Task.CompletedTask;
            }
            waiter.Node = _waiting[(int)priority].AddLast(waiter);
            _waitingCount++;
            ArmTimer(now);
        }
        if (cancellationToken.CanBeCanceled)
        {
            // Registered outside the lock: an already cancelled token runs the callback here, and it takes the lock.
            var registration = cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).Cancel(token), waiter);
            lock (_gate)
            {
                if (waiter.Node is not null)
                {
                    waiter.Registration = registration;
                    registration = default;
                }
            }
            registration.Unregister();
        }
        return waiter.Done.Task;
    }

    // The slot after these: on schedule when the first was taken within an interval of opening, else counted from now.
    private void TakeSlots(TimeSpan now, int slots) =>
        _nextSlot = (now - _nextSlot < Interval ? _nextSlot : now) + Interval * slots;

    private void ArmTimer(TimeSpan now)
    {
        if (_waitingCount == 0 || _timerArmed)
        {
            return;
        }
        var wait = _nextSlot - now;
        _timer.Change(wait < MinimumWait ? MinimumWait : wait, Timeout.InfiniteTimeSpan);
        _timerArmed = true;
    }

    private void OnTimer()
    {
        Waiter? granted = null;
        lock (_gate)
        {
            _timerArmed = false;
            if (_disposed)
            {
                return;
            }
            var now = Now;
            if (now >= _nextSlot && Dequeue() is { } first)
            {
                TakeSlots(now, first.Segments);
                granted = first;
            }
            ArmTimer(now);
        }
        granted?.Registration.Unregister();
        granted?.Done.TrySetResult();
    }

    // Pages first; within a priority, the oldest.
    private Waiter? Dequeue()
    {
        foreach (var queue in _waiting)
        {
            if (queue.First is { } node)
            {
                queue.RemoveFirst();
                _waitingCount--;
                node.Value.Node = null;
                return node.Value;
            }
        }
        return null;
    }

    private void Remove(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (waiter.Node is not { List: { } queue } node)
            {
                return;
            }
            queue.Remove(node);
            _waitingCount--;
            waiter.Node = null;
        }
        waiter.Done.TrySetCanceled(cancellationToken);
    }

    /// <summary>Stops the timer; calls still waiting are cancelled.</summary>
    public void Dispose()
    {
        List<Waiter> released = [];
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            while (Dequeue() is { } waiter)
            {
                released.Add(waiter);
            }
        }
        _timer.Dispose();
        foreach (var waiter in released)
        {
            waiter.Registration.Unregister();
            waiter.Done.TrySetCanceled();
        }
    }

    /// <summary>One call waiting for a slot. Its node and registration are guarded by the pacer's lock.</summary>
    private sealed class Waiter(TwilioSendPacer pacer, int segments)
    {
        public int Segments { get; } = segments;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Where it waits; null once granted or cancelled.</summary>
        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }

        public void Cancel(CancellationToken cancellationToken) => pacer.Remove(this, cancellationToken);
    }
}
