namespace CivilProtection.ServiceBusDouble;

/// <summary>Faults a test can make the double commit: dropped connections, refused tokens, slow answers.</summary>
/// <remarks>Thread-safe: a test may change them while clients are busy.</remarks>
public sealed class ServiceBusDoubleFaults
{
    private int _putTokensToRefuse;
    private int _deliveriesBeforeDrop = -1;
    private long _responseDelayTicks;

    internal event Action? DropRequested;

    /// <summary>How long the double waits before each answer: token, management, send outcome and settlement.</summary>
    public TimeSpan ResponseDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _responseDelayTicks));
        set => Interlocked.Exchange(ref _responseDelayTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>Answers the next <paramref name="count"/> <c>put-token</c> requests with 401, as a namespace does for a bad or expired token.</summary>
    public void RefusePutTokens(int count) => Interlocked.Exchange(ref _putTokensToRefuse, Math.Max(0, count));

    /// <summary>Drops every open connection at once, without a close frame, as a network failure would.</summary>
    public void DropConnections() => DropRequested?.Invoke();

    /// <summary>Drops the connection that carries the <paramref name="count"/>-th delivery from now, right after sending it: a receiver loses its link mid-receive, holding locks.</summary>
    public void DropConnectionAfterDeliveries(int count) => Interlocked.Exchange(ref _deliveriesBeforeDrop, Math.Max(1, count));

    /// <summary>Clears every fault.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _putTokensToRefuse, 0);
        Interlocked.Exchange(ref _deliveriesBeforeDrop, -1);
        ResponseDelay = TimeSpan.Zero;
    }

    internal bool TakePutTokenRefusal()
    {
        while (true)
        {
            var left = Volatile.Read(ref _putTokensToRefuse);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _putTokensToRefuse, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    /// <summary>Counts a delivery; true when it is the one after which the connection must drop.</summary>
    internal bool CountDeliveryAndCheckDrop()
    {
        while (true)
        {
            var left = Volatile.Read(ref _deliveriesBeforeDrop);
            if (left <= 0)
            {
                return false;
            }

            var next = left == 1 ? -1 : left - 1;
            if (Interlocked.CompareExchange(ref _deliveriesBeforeDrop, next, left) == left)
            {
                return left == 1;
            }
        }
    }

    /// <summary>Waits out <see cref="ResponseDelay"/>, if any.</summary>
    internal Task DelayAsync()
    {
        var delay = ResponseDelay;
        return delay > TimeSpan.Zero ? Task.Delay(delay) : Task.CompletedTask;
    }
}
