using System.Collections.Frozen;
using CivilProtection.Application.Messaging;

namespace CivilProtection.Infrastructure.Messaging;

/// <summary>
/// The embedded transport for running locally: Service Bus's queue semantics (peek-lock, delivery counts, dead-lettering,
/// duplicate detection, scheduling, expiry) served from memory, with every message kept in a journal (<see cref="IQueueJournal"/>,
/// Table Storage locally) from the moment its send returns until it is settled, so a process that dies loses nothing it accepted.
/// </summary>
/// <remarks>
/// Thread-safe; one lock per queue. Receives never touch the journal to find a message, only to record its delivery count, so
/// nothing polls. A new instance over the same journal (a restarted process) reads it back on first use: messages that were
/// waiting or being handled are delivered again, with the delivery counts they had. Time comes from the <see cref="TimeProvider"/>,
/// so tests can drive lock expiry and scheduling with a fake clock.
/// </remarks>
public sealed class InProcessTransport : IMessageTransport, IDisposable
{
    /// <summary>How often settled rows older than their queue's duplicate-detection window are removed from the journal.</summary>
    public static readonly TimeSpan PrunePeriod = TimeSpan.FromMinutes(5);

    private readonly FrozenDictionary<string, InProcessQueue> _queues;
    private readonly FrozenDictionary<string, QueueDescription> _descriptions;
    private readonly IQueueJournal _journal;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly ITimer _pruning;
    private volatile bool _loaded;

    public InProcessTransport(IEnumerable<QueueDescription> queues, TimeProvider timeProvider, IQueueJournal journal)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(journal);
        var byName = new Dictionary<string, InProcessQueue>(StringComparer.Ordinal);
        var descriptions = new Dictionary<string, QueueDescription>(StringComparer.Ordinal);
        foreach (var description in queues)
        {
            if (byName.ContainsKey(description.Name))
            {
                throw new ArgumentException($"The queue '{description.Name}' is described twice.", nameof(queues));
            }

            byName.Add(description.Name, new InProcessQueue(description, timeProvider));
            descriptions.Add(description.Name, description);
        }

        _queues = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _descriptions = descriptions.ToFrozenDictionary(StringComparer.Ordinal);
        _journal = journal;
        _time = timeProvider;
        _pruning = timeProvider.CreateTimer(static state => _ = ((InProcessTransport)state!).PruneAsync(), this, PrunePeriod, PrunePeriod);
    }

    public async Task SendAsync(string queue, OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        var target = Find(queue);
        await LoadedAsync(cancellationToken).ConfigureAwait(false);
        if (target.IsDuplicate(message.MessageId))
        {
            return;
        }

        // Journalled before it is enqueued: once the send returns, the message outlives the process.
        var entry = target.Admit(message);
        if (!await _journal.TryAcceptAsync(queue, entry.ToJournal(QueueJournalState.Active), _descriptions[queue].DuplicateDetectionHistoryTimeWindow, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (!target.Enqueue(entry))
        {
            // A concurrent send of the same id won in memory; the journal must not deliver this copy after a restart.
            await _journal.SettleAsync(queue, message.MessageId, CancellationToken.None).ConfigureAwait(false);
        }

        await JournalSettlementsAsync(target).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        if (maxWait < TimeSpan.Zero && maxWait != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(maxWait), maxWait, "The wait must be zero, positive or infinite.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var source = Find(queue);
        await LoadedAsync(cancellationToken).ConfigureAwait(false);
        var batch = await source.ReceiveAsync(maxMessages, maxWait, cancellationToken).ConfigureAwait(false);
        if (batch.Count > 0)
        {
            // Counted before the handler runs: a process that dies while handling still used up that delivery.
            await _journal.RecordDeliveriesAsync(queue, batch.Select(m => new QueueDelivery(m.MessageId, m.DeliveryCount)).ToList(), CancellationToken.None).ConfigureAwait(false);
        }

        await JournalSettlementsAsync(source).ConfigureAwait(false);
        return batch;
    }

    public async Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        var source = Find(message.Queue);
        source.Complete(message.LockToken);
        await _journal.SettleAsync(message.Queue, message.MessageId, CancellationToken.None).ConfigureAwait(false);
        await JournalSettlementsAsync(source).ConfigureAwait(false);
    }

    public async Task AbandonAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        var source = Find(message.Queue);
        source.Abandon(message.LockToken);
        await JournalSettlementsAsync(source).ConfigureAwait(false);
    }

    public async Task DeadLetterAsync(ReceivedMessage message, string reason, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        var source = Find(message.Queue);
        source.DeadLetter(message.LockToken, reason, description);
        await JournalSettlementsAsync(source).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReceivedMessage>> PeekDeadLettersAsync(string queue, int maxMessages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var source = Find(queue);
        await LoadedAsync(cancellationToken).ConfigureAwait(false);
        return source.PeekDeadLetters(maxMessages);
    }

    public async Task<bool> ReplayDeadLetterAsync(string queue, long sequenceNumber, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var source = Find(queue);
        await LoadedAsync(cancellationToken).ConfigureAwait(false);
        if (source.Replay(sequenceNumber) is not var (deadLetter, copy))
        {
            return false;
        }

        // The copy's id is new to the journal unless this dead letter was replayed before and the copy's row is still kept: it replaces it.
        await _journal.TryAcceptAsync(queue, copy.ToJournal(QueueJournalState.Active), TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
        await _journal.SettleAsync(queue, deadLetter.Content.MessageId, CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> DiscardDeadLetterAsync(string queue, long sequenceNumber, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var source = Find(queue);
        await LoadedAsync(cancellationToken).ConfigureAwait(false);
        if (source.Discard(sequenceNumber) is not { } discarded)
        {
            return false;
        }

        await _journal.SettleAsync(queue, discarded.Content.MessageId, CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    /// <summary>Stops the queues' timers; receivers still waiting get an empty batch. The journal keeps what was not settled.</summary>
    public void Dispose()
    {
        _pruning.Dispose();
        foreach (var queue in _queues.Values)
        {
            queue.Dispose();
        }
    }

    private InProcessQueue Find(string queue) =>
        _queues.TryGetValue(queue, out var found)
            ? found
            : throw new QueueNotFoundException($"The queue '{queue}' does not exist. Known queues: {string.Join(", ", _queues.Keys)}.");

    /// <summary>Reads the journal back into the queues, if not done yet: a host calls it at start; otherwise the first operation does.</summary>
    public Task RestoreAsync(CancellationToken cancellationToken) => LoadedAsync(cancellationToken).AsTask();

    /// <summary>Reads the journal back into the queues, once, before anything else is served.</summary>
    private async ValueTask LoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_loaded)
            {
                return;
            }

            foreach (var (name, queue) in _queues)
            {
                queue.Restore(await _journal.LoadAsync(name, cancellationToken).ConfigureAwait(false));
                await JournalSettlementsAsync(queue).ConfigureAwait(false);
            }

            _loaded = true;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Writes down what a queue settled on its own (dead-lettered after its last delivery, expired).</summary>
    /// <remarks>Should the process die first, nothing is lost: the journal still shows those messages waiting, with their delivery counts, and the restored queue settles them again.</remarks>
    private async Task JournalSettlementsAsync(InProcessQueue queue)
    {
        var settled = queue.TakeUnjournaled();
        if (settled.Count == 0)
        {
            return;
        }

        var deadLettered = settled.Where(s => s.DeadLetter is not null)
            .Select(s => s.Entry.ToJournal(QueueJournalState.DeadLettered, s.DeadLetter!.Reason, s.DeadLetter.Description))
            .ToList();
        if (deadLettered.Count > 0)
        {
            await _journal.RecordDeadLettersAsync(queue.Name, deadLettered, CancellationToken.None).ConfigureAwait(false);
        }

        foreach (var dropped in settled.Where(s => s.DeadLetter is null))
        {
            await _journal.SettleAsync(queue.Name, dropped.Entry.Content.MessageId, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task PruneAsync()
    {
        if (!_loaded)
        {
            return;
        }

        var now = _time.GetUtcNow();
        foreach (var (name, description) in _descriptions)
        {
            try
            {
                await _journal.PruneAsync(name, now - description.DuplicateDetectionHistoryTimeWindow, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Pruning only saves space; the next period tries again.
            }
        }
    }
}
