using System.Collections.Frozen;
using CivilProtection.Application.Messaging;

namespace CivilProtection.Infrastructure.Messaging;

/// <summary>The embedded transport for running locally: Service Bus's queue semantics (peek-lock, delivery counts, dead-lettering, duplicate detection, scheduling, expiry) held in memory.</summary>
/// <remarks>Thread-safe; one lock per queue. Time comes from the <see cref="TimeProvider"/>, so tests can drive lock expiry and scheduling with a fake clock.</remarks>
public sealed class InProcessTransport : IMessageTransport, IDisposable
{
    private readonly FrozenDictionary<string, InProcessQueue> _queues;

    public InProcessTransport(IEnumerable<QueueDescription> queues, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var byName = new Dictionary<string, InProcessQueue>(StringComparer.Ordinal);
        foreach (var description in queues)
        {
            if (byName.ContainsKey(description.Name))
            {
                throw new ArgumentException($"The queue '{description.Name}' is described twice.", nameof(queues));
            }

            byName.Add(description.Name, new InProcessQueue(description, timeProvider));
        }

        _queues = byName.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public Task SendAsync(string queue, OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return AsTask(() => Find(queue).Send(message), cancellationToken);
    }

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        if (maxWait < TimeSpan.Zero && maxWait != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(maxWait), maxWait, "The wait must be zero, positive or infinite.");
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<ReceivedMessage>>(cancellationToken);
        }

        try
        {
            return Find(queue).ReceiveAsync(maxMessages, maxWait, cancellationToken);
        }
        catch (Exception exception)
        {
            return Task.FromException<IReadOnlyList<ReceivedMessage>>(exception);
        }
    }

    public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return AsTask(() => Find(message.Queue).Complete(message.LockToken), cancellationToken);
    }

    public Task AbandonAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return AsTask(() => Find(message.Queue).Abandon(message.LockToken), cancellationToken);
    }

    public Task DeadLetterAsync(ReceivedMessage message, string reason, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return AsTask(() => Find(message.Queue).DeadLetter(message.LockToken, reason, description), cancellationToken);
    }

    public Task<IReadOnlyList<ReceivedMessage>> PeekDeadLettersAsync(string queue, int maxMessages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<ReceivedMessage>>(cancellationToken);
        }

        try
        {
            return Task.FromResult(Find(queue).PeekDeadLetters(maxMessages));
        }
        catch (Exception exception)
        {
            return Task.FromException<IReadOnlyList<ReceivedMessage>>(exception);
        }
    }

    /// <summary>Stops the queues' timers; receivers still waiting get an empty batch.</summary>
    public void Dispose()
    {
        foreach (var queue in _queues.Values)
        {
            queue.Dispose();
        }
    }

    private InProcessQueue Find(string queue) =>
        _queues.TryGetValue(queue, out var found)
            ? found
            : throw new QueueNotFoundException($"The queue '{queue}' does not exist. Known queues: {string.Join(", ", _queues.Keys)}.");

    // The work is synchronous; failures still travel in the task, as they would from a remote broker.
    private static Task AsTask(Action operation, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        try
        {
            operation();
            return Task.CompletedTask;
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }
    }
}
