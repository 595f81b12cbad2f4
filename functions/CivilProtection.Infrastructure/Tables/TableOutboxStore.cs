using Azure;
using Azure.Data.Tables;
using CivilProtection.Application.Outbox;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>Outbox rows (in each request's partition) and the pending markers (one small partition) in Table Storage.</summary>
public sealed class TableOutboxStore(StateTables tables, TimeProvider clock) : IOutboxStore
{
    private const string MarkerPartition = "pending";

    public async Task MarkPendingAsync(string requestId, CancellationToken cancellationToken) =>
        await tables.Outbox.UpsertEntityAsync(
            new TableEntity(MarkerPartition, requestId) { ["MarkedAt"] = clock.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlyList<OutboxMarker>> ListMarkersAsync(int max, CancellationToken cancellationToken)
    {
        var markers = new List<OutboxMarker>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {MarkerPartition}");
        await foreach (var entity in tables.Outbox.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            markers.Add(new OutboxMarker(entity.RowKey, entity.ETag.ToString(), entity.GetDateTimeOffset("MarkedAt") ?? DateTimeOffset.MinValue));
            if (markers.Count >= max)
            {
                break;
            }
        }
        return markers.OrderBy(m => m.MarkedAt).ToList();
    }

    public async Task<IReadOnlyList<OutboxRow>> ReadAsync(string requestId, CancellationToken cancellationToken)
    {
        var rows = new List<OutboxRow>();
        var filter = TableKeys.RowKeyPrefixFilter(requestId, TableRequestStore.OutboxPrefix);
        await foreach (var e in tables.Requests.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(new OutboxRow(
                requestId, e.GetString("MessageId"), e.GetString("Queue"), e.GetString("Subject"), e.GetString("Body"), e.GetString("CorrelationId"),
                e.GetDateTimeOffset("ScheduledFor"), e.GetString("TraceParent")));
        }
        return rows;
    }

    public async Task RemoveAsync(OutboxRow row, CancellationToken cancellationToken) =>
        await tables.Requests.DeleteEntityAsync(row.RequestId, TableRequestStore.OutboxPrefix + TableKeys.Safe(row.MessageId), ETag.All, cancellationToken);

    public async Task ClearMarkerAsync(OutboxMarker marker, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Outbox.DeleteEntityAsync(MarkerPartition, marker.RequestId, new ETag(marker.Tag), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Marked again since it was read: a newer change may still be committing, so the marker stays.
        }
    }
}
