using CivilProtection.Testing;
using System.Collections.Concurrent;
using CivilProtection.Infrastructure.Messaging;

namespace CivilProtection.Testing;

/// <summary>
/// A journal held in this object rather than in a table, for tests of the transport's queue semantics that need no store.
/// It outlives any transport built on it, as a table outlives a process: a second transport over it is a restart.
/// </summary>
public sealed class MemoryQueueJournal : IQueueJournal
{
    private readonly ConcurrentDictionary<(string Queue, string MessageId), QueueJournalEntry> _rows = new();
    private readonly Lock _gate = new();

    /// <summary>How many rows the journal holds, settled ones included.</summary>
    public int Count => _rows.Count;

    public Task<IReadOnlyList<QueueJournalEntry>> LoadAsync(string queue, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<QueueJournalEntry>>(_rows.Where(row => row.Key.Queue == queue).Select(row => row.Value).ToList());

    public Task<bool> TryAcceptAsync(string queue, QueueJournalEntry entry, TimeSpan duplicateWindow, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue((queue, entry.MessageId), out var existing) && entry.AcceptedAt - existing.AcceptedAt < duplicateWindow)
            {
                return Task.FromResult(false);
            }

            _rows[(queue, entry.MessageId)] = entry;
            return Task.FromResult(true);
        }
    }

    public Task RecordDeliveriesAsync(string queue, IReadOnlyList<QueueDelivery> delivered, CancellationToken cancellationToken)
    {
        foreach (var delivery in delivered)
        {
            Change(queue, delivery.MessageId, row => row with { DeliveryCount = delivery.DeliveryCount });
        }

        return Task.CompletedTask;
    }

    public Task RecordDeadLettersAsync(string queue, IReadOnlyList<QueueJournalEntry> deadLettered, CancellationToken cancellationToken)
    {
        foreach (var entry in deadLettered)
        {
            Change(queue, entry.MessageId, row => row with
            {
                State = QueueJournalState.DeadLettered,
                DeliveryCount = entry.DeliveryCount,
                DeadLetterReason = entry.DeadLetterReason,
                DeadLetterDescription = entry.DeadLetterDescription,
            });
        }

        return Task.CompletedTask;
    }

    public Task SettleAsync(string queue, string messageId, CancellationToken cancellationToken)
    {
        Change(queue, messageId, row => row with { State = QueueJournalState.Settled, Body = string.Empty });
        return Task.CompletedTask;
    }

    public Task PruneAsync(string queue, DateTimeOffset acceptedBefore, CancellationToken cancellationToken)
    {
        foreach (var (key, row) in _rows)
        {
            if (key.Queue == queue && row.State == QueueJournalState.Settled && row.AcceptedAt < acceptedBefore)
            {
                _rows.TryRemove(key, out _);
            }
        }

        return Task.CompletedTask;
    }

    private void Change(string queue, string messageId, Func<QueueJournalEntry, QueueJournalEntry> change)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue((queue, messageId), out var row))
            {
                _rows[(queue, messageId)] = change(row);
            }
        }
    }
}
