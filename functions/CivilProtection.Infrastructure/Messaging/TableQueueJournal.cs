using System.Text;
using Azure;
using Azure.Data.Tables;
using CivilProtection.Infrastructure.Tables;

namespace CivilProtection.Infrastructure.Messaging;

/// <summary>The in-process transport's journal in Table Storage (Azurite locally): one partition per queue, one row per message id.</summary>
/// <remarks>
/// Times are stored as UTC ticks: a message that never expires carries <see cref="DateTimeOffset.MaxValue"/>, which the
/// table's date type cannot hold. The table is created on first use, so a deployment on Service Bus never has it.
/// </remarks>
public sealed class TableQueueJournal : IQueueJournal
{
    /// <summary>The table's name, after the prefix every table of the environment shares.</summary>
    public const string TableName = "LocalQueues";

    // A property holds at most 64 KiB: 30,000 UTF-16 characters stay under it.
    private const int BodyChunkLength = 30_000;
    private const int TransactionLimit = 100;

    private readonly TableClient _table;
    private Task? _creation;

    public TableQueueJournal(TableServiceClient service, string tablePrefix)
    {
        ArgumentNullException.ThrowIfNull(service);
        _table = service.GetTableClient(tablePrefix + TableName);
    }

    public async Task<IReadOnlyList<QueueJournalEntry>> LoadAsync(string queue, CancellationToken cancellationToken)
    {
        await CreatedAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<QueueJournalEntry>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {queue}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(FromEntity(entity));
        }

        return rows;
    }

    public async Task<bool> TryAcceptAsync(string queue, QueueJournalEntry entry, TimeSpan duplicateWindow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await CreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = ToEntity(queue, entry);
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
        }

        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(queue, entity.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (existing.HasValue && existing.Value is { } row && entry.AcceptedAt - AcceptedAtOf(row) < duplicateWindow)
        {
            return false;
        }

        try
        {
            // The earlier message with this id is older than the window: this one replaces it, unless another send got there first.
            if (existing.HasValue && existing.Value is { } older)
            {
                try
                {
                    await _table.UpdateEntityAsync(entity, older.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    return true;
                }
                catch (RequestFailedException exception) when (exception.Status == 404)
                {
                    // The prune removed the older row between the read and the replace: the id is free again.
                }
            }

            await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException exception) when (TableKeys.IsConflict(exception))
        {
            return false;
        }
    }

    public Task RecordDeliveriesAsync(string queue, IReadOnlyList<QueueDelivery> delivered, CancellationToken cancellationToken) =>
        MergeAsync(delivered.Select(delivery => new TableEntity(queue, RowKeyOf(delivery.MessageId))
        {
            [nameof(QueueJournalEntry.DeliveryCount)] = delivery.DeliveryCount,
        }), cancellationToken);

    public Task RecordDeadLettersAsync(string queue, IReadOnlyList<QueueJournalEntry> deadLettered, CancellationToken cancellationToken) =>
        MergeAsync(deadLettered.Select(entry => new TableEntity(queue, RowKeyOf(entry.MessageId))
        {
            [nameof(QueueJournalEntry.State)] = nameof(QueueJournalState.DeadLettered),
            [nameof(QueueJournalEntry.DeliveryCount)] = entry.DeliveryCount,
            [nameof(QueueJournalEntry.DeadLetterReason)] = entry.DeadLetterReason ?? string.Empty,
            [nameof(QueueJournalEntry.DeadLetterDescription)] = entry.DeadLetterDescription ?? string.Empty,
        }), cancellationToken);

    public async Task SettleAsync(string queue, string messageId, CancellationToken cancellationToken)
    {
        await CreatedAsync(cancellationToken).ConfigureAwait(false);
        var settled = new TableEntity(queue, RowKeyOf(messageId))
        {
            [nameof(QueueJournalEntry.State)] = nameof(QueueJournalState.Settled),
            // The body is no longer needed; the row stays only so the id is recognised until its window has passed.
            [nameof(QueueJournalEntry.Body)] = string.Empty,
        };
        try
        {
            await _table.UpdateEntityAsync(settled, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Already pruned: nothing left to settle.
        }
    }

    public async Task PruneAsync(string queue, DateTimeOffset acceptedBefore, CancellationToken cancellationToken)
    {
        await CreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {queue} and State eq {nameof(QueueJournalState.Settled)} and AcceptedAt lt {acceptedBefore.UtcTicks}");
        var batch = new List<TableEntity>(TransactionLimit);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            batch.Add(row);
            if (batch.Count == TransactionLimit)
            {
                await DeleteAsReadAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await DeleteAsReadAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    // Each row is deleted only as it was read: a send that replaced a settled row with a new message of the same id
    // (its window over) between the query and the delete keeps its row. When the batch fails for one such row, or one
    // already gone, the rest are deleted one by one and those are left.
    private async Task DeleteAsReadAsync(IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        try
        {
            await _table.SubmitTransactionAsync(rows.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag)), cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 404 or 412)
        {
            foreach (var row in rows)
            {
                try
                {
                    await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
                }
                catch (RequestFailedException one) when (one.Status == 412)
                {
                    // Replaced since it was read: no longer a settled row to prune.
                }
            }
        }
    }

    private async Task MergeAsync(IEnumerable<TableEntity> changes, CancellationToken cancellationToken)
    {
        await CreatedAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in changes.Chunk(TransactionLimit))
        {
            if (chunk.Length == 1)
            {
                await _table.UpdateEntityAsync(chunk[0], ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await _table.SubmitTransactionAsync(
                chunk.Select(entity => new TableTransactionAction(TableTransactionActionType.UpdateMerge, entity, ETag.All)),
                cancellationToken).ConfigureAwait(false);
        }
    }

    // Created once; a creation that failed (the store not up yet) is tried again on the next call.
    private Task CreatedAsync(CancellationToken cancellationToken)
    {
        var creation = Volatile.Read(ref _creation);
        if (creation is null || creation.IsFaulted || creation.IsCanceled)
        {
            creation = _table.CreateIfNotExistsAsync(CancellationToken.None);
            Volatile.Write(ref _creation, creation);
        }

        return creation.WaitAsync(cancellationToken);
    }

    private static string RowKeyOf(string messageId) => TableKeys.Safe(messageId);

    private static DateTimeOffset AcceptedAtOf(TableEntity row) => Instant(row.GetInt64(nameof(QueueJournalEntry.AcceptedAt)) ?? 0);

    private static DateTimeOffset Instant(long ticks) => new(ticks, TimeSpan.Zero);

    private static TableEntity ToEntity(string queue, QueueJournalEntry entry)
    {
        var entity = new TableEntity(queue, RowKeyOf(entry.MessageId))
        {
            [RowFormat.Column] = RowFormat.Current,
            [nameof(QueueJournalEntry.MessageId)] = entry.MessageId,
            [nameof(QueueJournalEntry.SequenceNumber)] = entry.SequenceNumber,
            [nameof(QueueJournalEntry.Subject)] = entry.Subject,
            [nameof(QueueJournalEntry.CorrelationId)] = entry.CorrelationId,
            [nameof(QueueJournalEntry.TraceParent)] = entry.TraceParent,
            [nameof(QueueJournalEntry.AcceptedAt)] = entry.AcceptedAt.UtcTicks,
            [nameof(QueueJournalEntry.EnqueuedTime)] = entry.EnqueuedTime.UtcTicks,
            [nameof(QueueJournalEntry.ExpiresAt)] = entry.ExpiresAt.UtcTicks,
            [nameof(QueueJournalEntry.DeliveryCount)] = entry.DeliveryCount,
            [nameof(QueueJournalEntry.State)] = entry.State.ToString(),
        };
        if (entry.Body.Length <= BodyChunkLength)
        {
            entity[nameof(QueueJournalEntry.Body)] = entry.Body;
            return entity;
        }

        var chunks = (entry.Body.Length + BodyChunkLength - 1) / BodyChunkLength;
        for (var i = 0; i < chunks; i++)
        {
            entity[$"Body{i}"] = entry.Body.Substring(i * BodyChunkLength, Math.Min(BodyChunkLength, entry.Body.Length - (i * BodyChunkLength)));
        }

        entity["BodyChunks"] = chunks;
        return entity;
    }

    private static QueueJournalEntry FromEntity(TableEntity row) =>
        new(
            row.GetString(nameof(QueueJournalEntry.MessageId)) ?? row.RowKey,
            row.GetInt64(nameof(QueueJournalEntry.SequenceNumber)) ?? 0,
            row.GetString(nameof(QueueJournalEntry.Subject)) ?? string.Empty,
            BodyOf(row),
            row.GetString(nameof(QueueJournalEntry.CorrelationId)),
            row.GetString(nameof(QueueJournalEntry.TraceParent)),
            AcceptedAtOf(row),
            Instant(row.GetInt64(nameof(QueueJournalEntry.EnqueuedTime)) ?? 0),
            Instant(row.GetInt64(nameof(QueueJournalEntry.ExpiresAt)) ?? DateTimeOffset.MaxValue.UtcTicks),
            row.GetInt32(nameof(QueueJournalEntry.DeliveryCount)) ?? 0,
            Enum.TryParse<QueueJournalState>(row.GetString(nameof(QueueJournalEntry.State)), out var state) ? state : QueueJournalState.Active,
            NullIfEmpty(row.GetString(nameof(QueueJournalEntry.DeadLetterReason))),
            NullIfEmpty(row.GetString(nameof(QueueJournalEntry.DeadLetterDescription))));

    private static string BodyOf(TableEntity row)
    {
        if (row.GetInt32("BodyChunks") is not { } chunks)
        {
            return row.GetString(nameof(QueueJournalEntry.Body)) ?? string.Empty;
        }

        var body = new StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            body.Append(row.GetString($"Body{i}"));
        }

        return body.ToString();
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
