using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CivilProtection.Application.Indexes;
using CivilProtection.Application.Requests;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// Lists and inboxes in their own partitions: <c>list-{authority}</c> and <c>inbox-{authority}-{group}</c>, one
/// row per request. Each row carries the request version it shows; a write with an older version is dropped,
/// and concurrent writers are serialised by ETag.
/// </summary>
public sealed class TableRequestIndex(StateTables tables) : IRequestIndex
{
    private static readonly Polly.ResiliencePipeline Conflicts = ConflictRetry.On<RequestFailedException>(TableKeys.IsConflict);
    private const int FirstVersion = 1;

    public Task UpsertListEntryAsync(string authorityId, RequestListEntry entry, CancellationToken cancellationToken) =>
        UpsertAsync(ListPartition(authorityId), entry.RequestId, entry.Version, _ => new TableEntity
        {
            ["Entry"] = JsonSerializer.Serialize(entry, TableRequestStore.Json),
            ["Status"] = entry.Status,
            ["Version"] = entry.Version,
        }, cancellationToken);

    public Task UpsertInboxEntryAsync(string authorityId, string approverGroup, InboxEntry entry, CancellationToken cancellationToken) =>
        UpsertAsync(InboxPartition(authorityId, approverGroup), entry.RequestId, entry.Version, existing =>
        {
            // The item was routed when this opening of the stage first reached the inbox; later versions keep that time.
            var earlier = existing is null ? null : JsonSerializer.Deserialize<InboxEntry>(existing.GetString("Entry"), TableRequestStore.Json);
            var kept = earlier is not null && earlier.OpenedAt == entry.OpenedAt ? entry with { RoutedAt = earlier.RoutedAt } : entry;
            return new TableEntity
            {
                ["Entry"] = JsonSerializer.Serialize(kept, TableRequestStore.Json),
                ["Active"] = kept.Active,
                ["Version"] = kept.Version,
            };
        }, cancellationToken);

    public async Task<IReadOnlyList<RequestListEntry>> ListAsync(string authorityId, string? status, CancellationToken cancellationToken)
    {
        var partition = ListPartition(authorityId);
        var filter = status is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Status eq {status}");
        var entries = new List<RequestListEntry>();
        await foreach (var e in tables.Indexes.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(JsonSerializer.Deserialize<RequestListEntry>(e.GetString("Entry"), TableRequestStore.Json)!);
        }
        return entries;
    }

    public async Task<IReadOnlyList<InboxEntry>> InboxAsync(string authorityId, string approverGroup, CancellationToken cancellationToken)
    {
        var partition = InboxPartition(authorityId, approverGroup);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Active eq {true}");
        var entries = new List<InboxEntry>();
        await foreach (var e in tables.Indexes.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(JsonSerializer.Deserialize<InboxEntry>(e.GetString("Entry"), TableRequestStore.Json)!);
        }
        return entries;
    }

    public Task<int?> ListedVersionAsync(string authorityId, string requestId, CancellationToken cancellationToken) =>
        VersionAsync(ListPartition(authorityId), requestId, cancellationToken);

    public Task<int?> InboxVersionAsync(string authorityId, string approverGroup, string requestId, CancellationToken cancellationToken) =>
        VersionAsync(InboxPartition(authorityId, approverGroup), requestId, cancellationToken);

    private async Task<int?> VersionAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        var row = await tables.Indexes.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, select: ["Version"], cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? entity.GetInt32("Version") ?? 0 : null;
    }

    internal static string ListPartition(string authorityId) => TableKeys.Safe($"list-{authorityId}");

    internal static string InboxPartition(string authorityId, string approverGroup) => TableKeys.Safe($"inbox-{authorityId}-{approverGroup}");

    private async Task UpsertAsync(string partition, string rowKey, int version, Func<TableEntity?, TableEntity> build, CancellationToken cancellationToken)
    {
        // A request's first version has no rows yet: insert without reading first, one round trip instead of two.
        if (version == FirstVersion && await TryAddAsync(partition, rowKey, build(null), cancellationToken))
        {
            return;
        }
        // Another reconciliation wrote first: the policy reads again and lets the version decide.
        await Conflicts.ExecuteAsync(async token =>
        {
            var current = await tables.Indexes.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: token);
            var existing = current.HasValue ? current.Value : null;
            if (existing is not null && (existing.GetInt32("Version") ?? 0) >= version)
            {
                return;
            }
            var entity = build(existing);
            entity.PartitionKey = partition;
            entity.RowKey = rowKey;
            if (existing is null)
            {
                await tables.Indexes.AddEntityAsync(entity, token);
            }
            else
            {
                await tables.Indexes.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, token);
            }
        }, cancellationToken);
    }

    private async Task<bool> TryAddAsync(string partition, string rowKey, TableEntity entity, CancellationToken cancellationToken)
    {
        entity.PartitionKey = partition;
        entity.RowKey = rowKey;
        try
        {
            await tables.Indexes.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (TableKeys.IsConflict(ex))
        {
            // Written already (a redelivery, or the other queue's reconciliation): compare versions the usual way.
            return false;
        }
    }
}
