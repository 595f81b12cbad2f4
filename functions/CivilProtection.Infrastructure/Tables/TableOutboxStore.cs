using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CivilProtection.Application.Outbox;
using CivilProtection.Application.Requests;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// Outbox rows (in each request's partition) and the pending markers in Table Storage. Markers live in one small
/// partition, one row per change, keyed <c>{ticks}-{requestId}-{nonce}</c>: the keys sort oldest first, so the
/// sweep reads a key range instead of every marker, and each change clears its own marker without touching another's.
/// </summary>
public sealed class TableOutboxStore(StateTables tables, TimeProvider clock) : IOutboxStore
{
    private const string MarkerPartition = "pending";

    // A transaction holds at most 100 actions.
    private const int MaxTransactionActions = 100;

    public async Task<OutboxMarker> MarkPendingAsync(string requestId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var marker = new OutboxMarker(requestId, $"{now.UtcTicks:D19}-{requestId}-{Guid.NewGuid():N}", now);
        await tables.Outbox.AddEntityAsync(
            new TableEntity(MarkerPartition, marker.MarkerId) { [RowFormat.Column] = RowFormat.Current, ["RequestId"] = requestId, ["MarkedAt"] = now }, cancellationToken);
        return marker;
    }

    public async Task<IReadOnlyList<OutboxMarker>> ListMarkersAsync(DateTimeOffset markedBefore, int max, CancellationToken cancellationToken)
    {
        var markers = new List<OutboxMarker>();
        var before = markedBefore.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {MarkerPartition} and RowKey lt {before}");
        await foreach (var entity in tables.Outbox.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            markers.Add(new OutboxMarker(entity.GetString("RequestId"), entity.RowKey, entity.GetDateTimeOffset("MarkedAt") ?? DateTimeOffset.MinValue));
            if (markers.Count >= max)
            {
                break;
            }
        }
        return markers;
    }

    public Task<IReadOnlyList<OutboxRow>> ReadAsync(string requestId, CancellationToken cancellationToken) =>
        QueryRowsAsync(TableKeys.RowKeyPrefixFilter(requestId, TableRequestStore.OutboxPrefix), int.MaxValue, cancellationToken);

    public Task<IReadOnlyList<OutboxRow>> ReadFiledBetweenAsync(DateTimeOffset filedFrom, DateTimeOffset filedBefore, int max, CancellationToken cancellationToken)
    {
        // Request ids sort by filing time: the window is a range of partitions, and only their outbox rows match.
        var prefix = TableRequestStore.OutboxPrefix;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {RequestIds.LowerBound(filedFrom)} and PartitionKey lt {RequestIds.LowerBound(filedBefore)} and RowKey ge {prefix} and RowKey lt {TableKeys.PrefixEnd(prefix)}");
        return QueryRowsAsync(filter, max, cancellationToken);
    }

    private async Task<IReadOnlyList<OutboxRow>> QueryRowsAsync(string filter, int max, CancellationToken cancellationToken)
    {
        var rows = new List<OutboxRow>();
        await foreach (var e in tables.Requests.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.AddRange(MessagesOf(e));
            if (rows.Count >= max)
            {
                break;
            }
        }
        return rows;
    }

    public async Task RemoveAsync(IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken)
    {
        foreach (var partition in rows.GroupBy(r => r.RequestId, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(MaxTransactionActions))
            {
                await RemoveChunkAsync(partition.Key, chunk, cancellationToken);
            }
        }
    }

    public async Task ClearMarkerAsync(OutboxMarker marker, CancellationToken cancellationToken) =>
        await tables.Outbox.DeleteEntityAsync(MarkerPartition, marker.MarkerId, ETag.All, cancellationToken);

    private async Task RemoveChunkAsync(string requestId, OutboxRow[] rows, CancellationToken cancellationToken)
    {
        var keys = rows.Select(r => r.Entry ?? TableRequestStore.OutboxKey(r.MessageId)).Distinct(StringComparer.Ordinal).ToList();
        // One round trip for the whole change; another relay (the sweep, or a redelivery) may have removed some first.
        await TableKeys.DeleteRowsAsync(tables.Requests, requestId, keys, cancellationToken);
    }

    // An entry holds a change's messages; one written before entries held a single message in columns of its own.
    private static IEnumerable<OutboxRow> MessagesOf(TableEntity e) => e.GetString("MessageId") is { } messageId
        ? [new OutboxRow(e.PartitionKey, messageId, e.GetString("Queue"), e.GetString("Subject"), e.GetString("Body"), e.GetString("CorrelationId"),
            e.GetDateTimeOffset("ScheduledFor"), e.GetString("TraceParent")) { Entry = e.RowKey }]
        : ChunkedJson.Read<List<StoredMessage>>(e, TableRequestStore.Json).Select(m => m.In(e.PartitionKey, e.RowKey));
}
