using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CivilProtection.Application.Indexes;
using CivilProtection.Application.Requests;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// Lists and inboxes in their own partitions: <c>list-{authority}</c> (a row by request id, and the same entry in filing
/// order, newest first, which lists read a page at a time), <c>inbox-{authority}-{group}</c> (what waits) and
/// <c>decided-{authority}-{group}</c> (what was decided). Each row carries the request version it shows; a write with an
/// older version is dropped, and concurrent writers are serialised by ETag.
/// </summary>
public sealed class TableRequestIndex(StateTables tables) : IRequestIndex
{
    private static readonly Polly.ResiliencePipeline Conflicts = ConflictRetry.On<RequestFailedException>(TableKeys.IsConflict);
    private const int FirstVersion = 1;

    public Task UpsertListEntryAsync(string authorityId, RequestListEntry entry, CancellationToken cancellationToken)
    {
        var partition = ListPartition(authorityId);
        // The row by id guards the version; the row in filing order, written in the same transaction, is what lists read.
        return UpsertAsync(partition, entry.RequestId, entry.Version, _ => ListRowById(partition, entry), cancellationToken, companion: ListedRow(partition, entry));
    }

    /// <summary>The list row by request id: the one whose version guards the entry's writes.</summary>
    internal static TableEntity ListRowById(string partition, RequestListEntry entry) => new(partition, entry.RequestId)
    {
        [RowFormat.Column] = RowFormat.Current,
        ["Entry"] = JsonSerializer.Serialize(entry, TableRequestStore.Json),
        ["Status"] = entry.Status,
        ["Version"] = entry.Version,
    };

    // An inbox partition holds only what waits; a decided stage's row moves to the group's decided partition, where the
    // version guard and the repair's check still find it. The two writes cannot be one transaction, so each writer writes
    // its own row, then looks at the other partition: whichever of two racing writers comes second sees the first.
    public async Task UpsertInboxEntryAsync(string authorityId, string approverGroup, InboxEntry entry, CancellationToken cancellationToken)
    {
        var waiting = InboxPartition(authorityId, approverGroup);
        var decided = DecidedPartition(authorityId, approverGroup);
        if (entry.Active)
        {
            await UpsertAsync(waiting, entry.RequestId, entry.Version, existing => InboxRow(existing, entry), cancellationToken);
            // A newer reconciliation decided the stage meanwhile, before this row was there to be removed.
            if (await VersionAsync(decided, entry.RequestId, cancellationToken) is { } decidedVersion && decidedVersion > entry.Version)
            {
                await RemoveUpToAsync(waiting, entry.RequestId, decidedVersion, cancellationToken);
            }
            return;
        }
        await UpsertAsync(decided, entry.RequestId, entry.Version, existing => InboxRow(existing, entry), cancellationToken);
        // Even when the decided row was there already: an earlier move may have stopped before this delete.
        await RemoveUpToAsync(waiting, entry.RequestId, entry.Version, cancellationToken);
    }

    internal static TableEntity InboxRow(TableEntity? existing, InboxEntry entry)
    {
        // The item was routed when this opening of the stage first reached the inbox; later versions keep that time.
        var earlier = existing is null ? null : JsonSerializer.Deserialize<InboxEntry>(existing.GetString("Entry"), TableRequestStore.Json);
        var kept = earlier is not null && earlier.OpenedAt == entry.OpenedAt ? entry with { RoutedAt = earlier.RoutedAt } : entry;
        return new TableEntity
        {
            [RowFormat.Column] = RowFormat.Current,
            ["Entry"] = JsonSerializer.Serialize(kept, TableRequestStore.Json),
            ["Active"] = kept.Active,
            ["Version"] = kept.Version,
        };
    }

    // Deletes the waiting row unless a newer version (the stage opened again) replaced it.
    private Task RemoveUpToAsync(string partition, string rowKey, int version, CancellationToken cancellationToken) =>
        Conflicts.ExecuteAsync(async token =>
        {
            var current = await tables.Indexes.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, select: ["Version"], cancellationToken: token);
            if (current.HasValue && current.Value is { } row && (row.GetInt32("Version") ?? 0) <= version)
            {
                try
                {
                    await tables.Indexes.DeleteEntityAsync(partition, rowKey, row.ETag, token);
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                    // Removed by the other writer.
                }
            }
        }, cancellationToken).AsTask();

    public async Task<RequestListPage> ListAsync(string authorityId, RequestListFilter filter, string? after, int pageSize, CancellationToken cancellationToken)
    {
        var partition = ListPartition(authorityId);
        await EnsureListedInFilingOrderAsync(partition, cancellationToken);
        var query = ListedFilter(partition, filter, after);
        // One more than a page says whether another follows; a filter on other properties may make the store answer in several parts.
        var rows = new List<TableEntity>();
        string? continuation = null;
        do
        {
            var wanted = pageSize + 1 - rows.Count;
            await foreach (var part in tables.Indexes.QueryAsync<TableEntity>(query, maxPerPage: wanted, select: ["RowKey", "Entry", RowFormat.Column], cancellationToken: cancellationToken)
                .AsPages(continuation, wanted))
            {
                rows.AddRange(part.Values.Take(wanted));
                continuation = part.ContinuationToken;
                break;
            }
        }
        while (rows.Count <= pageSize && continuation is not null);
        var entries = rows.Take(pageSize).Select(e => JsonSerializer.Deserialize<RequestListEntry>(RowFormat.Readable(e).GetString("Entry"), TableRequestStore.Json)!).ToList();
        return new RequestListPage(entries, rows.Count > pageSize ? rows[pageSize - 1].RowKey : null);
    }

    public bool IsListPosition(string after) =>
        after.Length is > ListedPrefixLength and <= 200 && after.StartsWith(ListedPrefix, StringComparison.Ordinal)
        && after.AsSpan(1, 19).IndexOfAnyExceptInRange('0', '9') < 0 && after[ListedPrefixLength] == '-' && TableKeys.Safe(after) == after;

    // Rows in filing order: '~', the inverted ticks of the filing (19 digits, so the newest sorts first), '-', the request id.
    // '~' sorts after every character of a request id, so the two layouts of a list partition never mix in a key range.
    private const string ListedPrefix = "~";
    private const int ListedPrefixLength = 20;
    private const string LayoutMarker = "~layout";

    internal static string ListedRowKey(RequestListEntry entry) =>
        $"{ListedPrefix}{InvertedTicks(entry.FiledAt):D19}-{entry.RequestId}";

    private static long InvertedTicks(DateTimeOffset at) => DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks;

    internal static TableEntity ListedRow(string partition, RequestListEntry entry)
    {
        var row = new TableEntity(partition, ListedRowKey(entry))
        {
            [RowFormat.Column] = RowFormat.Current,
            ["Entry"] = JsonSerializer.Serialize(entry, TableRequestStore.Json),
            ["Status"] = entry.Status,
            ["Urgency"] = entry.Urgency,
            ["IncidentType"] = entry.IncidentType,
            ["Reference"] = entry.Reference,
            ["Version"] = entry.Version,
        };
        foreach (var party in PartiesOf(entry))
        {
            row[PartyProperty(party)] = true;
        }
        return row;
    }

    private static IEnumerable<string> PartiesOf(RequestListEntry entry) =>
        new[] { entry.RequestingAuthorityId, entry.AssistingAuthorityId }.Concat(entry.AddressedAuthorityIds ?? [])
            .Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal);

    // A property per party, so the store filters on it (a table has no "contains"): letters and digits kept, every other
    // character as '_' and its code, so two ids never share a name.
    internal static string PartyProperty(string authorityId)
    {
        var name = new System.Text.StringBuilder("Party_");
        foreach (var c in authorityId)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : $"_{(int)c:X4}");
        }
        return name.ToString();
    }

    private static string ListedFilter(string partition, RequestListFilter filter, string? after)
    {
        // Filed from (inclusive) means inverted ticks up to its own; filed before (exclusive), inverted ticks above its own.
        var from = filter.FiledBefore is { } before ? $"{ListedPrefix}{InvertedTicks(before) + 1:D19}" : $"{ListedPrefix}0";
        var until = filter.FiledFrom is { } since ? $"{ListedPrefix}{InvertedTicks(since) + 1:D19}" : $"{ListedPrefix}:";
        var clauses = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {until}") };
        if (after is not null)
        {
            clauses.Add(TableClient.CreateQueryFilter($"RowKey gt {after}"));
        }
        if (filter.Statuses.Count > 0)
        {
            clauses.Add("(" + string.Join(" or ", filter.Statuses.Select(status => TableClient.CreateQueryFilter($"Status eq {status}"))) + ")");
        }
        if (filter.Urgency is { } urgency)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Urgency eq {urgency}"));
        }
        if (filter.IncidentType is { } type)
        {
            clauses.Add(TableClient.CreateQueryFilter($"IncidentType eq {type}"));
        }
        if (filter.PartyId is { } party)
        {
            clauses.Add($"{PartyProperty(party)} eq true");
        }
        if (filter.ReferencePrefix is { Length: > 0 } prefix)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Reference ge {prefix} and Reference lt {TableKeys.PrefixEnd(prefix)}"));
        }
        return string.Join(" and ", clauses);
    }

    // Lists written before the filing-order rows hold only rows by id: the first read of such a partition writes each one's
    // filing-order row. An insert that finds the row there leaves it: a writer's newer version is already in it.
    private Task EnsureListedInFilingOrderAsync(string partition, CancellationToken cancellationToken) =>
        UpgradeOnceAsync(partition, async () =>
        {
            var byId = new List<TableEntity>();
            await foreach (var row in tables.Indexes.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {ListedPrefix}"), select: ["Entry"], cancellationToken: cancellationToken))
            {
                byId.Add(ListedRow(partition, JsonSerializer.Deserialize<RequestListEntry>(row.GetString("Entry"), TableRequestStore.Json)!));
            }
            foreach (var chunk in byId.Chunk(100))
            {
                await AddAllAsync(chunk, cancellationToken);
            }
            return byId.Count;
        }, cancellationToken);

    // Partitions in today's layout, known to this process; each costs one point read of its marker the first time.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _upgraded = new(StringComparer.Ordinal);

    // Brings a partition written by an earlier version to today's layout once: without its marker, the upgrade, then the marker.
    private async Task UpgradeOnceAsync(string partition, Func<Task<int>> upgrade, CancellationToken cancellationToken)
    {
        if (_upgraded.ContainsKey(partition))
        {
            return;
        }
        var marker = await tables.Indexes.GetEntityIfExistsAsync<TableEntity>(partition, LayoutMarker, select: ["RowKey"], cancellationToken: cancellationToken);
        if (!marker.HasValue)
        {
            var rows = await upgrade();
            await tables.Indexes.UpsertEntityAsync(LayoutMarkerRow(partition, rows), TableUpdateMode.Replace, cancellationToken);
        }
        _upgraded[partition] = true;
    }

    /// <summary>The row saying a partition is in today's layout, and how many rows bringing it there took.</summary>
    internal static TableEntity LayoutMarkerRow(string partition, int upgradedRows) =>
        new(partition, LayoutMarker) { [RowFormat.Column] = RowFormat.Current, ["Upgraded"] = upgradedRows };

    private async Task AddAllAsync(IReadOnlyCollection<TableEntity> rows, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Indexes.SubmitTransactionAsync(rows.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)), cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (TableKeys.IsConflict(ex))
        {
            foreach (var row in rows)
            {
                await TryAddAsync(row.PartitionKey, row.RowKey, row, cancellationToken);
            }
        }
    }

    public async Task<IReadOnlyList<InboxEntry>> InboxAsync(string authorityId, string approverGroup, CancellationToken cancellationToken)
    {
        var partition = InboxPartition(authorityId, approverGroup);
        await MoveDecidedOutAsync(authorityId, approverGroup, partition, cancellationToken);
        // Rows of decided stages stored before they moved out are inactive: the filter keeps them from showing meanwhile.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Active eq {true}");
        var entries = new List<InboxEntry>();
        await foreach (var e in tables.Indexes.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(JsonSerializer.Deserialize<InboxEntry>(RowFormat.Readable(e).GetString("Entry"), TableRequestStore.Json)!);
        }
        return entries;
    }

    // Inboxes written before decided rows moved out still hold them, inactive: the first read of such a partition moves
    // them to the decided partition, as a decision now would.
    private Task MoveDecidedOutAsync(string authorityId, string approverGroup, string partition, CancellationToken cancellationToken) =>
        UpgradeOnceAsync(partition, async () =>
        {
            var moved = 0;
            var stale = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Active eq {false}");
            await foreach (var row in tables.Indexes.QueryAsync<TableEntity>(stale, select: ["Entry"], cancellationToken: cancellationToken))
            {
                await UpsertInboxEntryAsync(authorityId, approverGroup, JsonSerializer.Deserialize<InboxEntry>(row.GetString("Entry"), TableRequestStore.Json)!, cancellationToken);
                moved++;
            }
            return moved;
        }, cancellationToken);

    public Task<int?> ListedVersionAsync(string authorityId, string requestId, CancellationToken cancellationToken) =>
        VersionAsync(ListPartition(authorityId), requestId, cancellationToken);

    // A waiting row, or an old one not moved yet, says what the inbox shows; only without one does the decided row count.
    public async Task<int?> InboxVersionAsync(string authorityId, string approverGroup, string requestId, CancellationToken cancellationToken) =>
        await VersionAsync(InboxPartition(authorityId, approverGroup), requestId, cancellationToken)
        ?? await VersionAsync(DecidedPartition(authorityId, approverGroup), requestId, cancellationToken);

    private async Task<int?> VersionAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        var row = await tables.Indexes.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, select: ["Version"], cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? entity.GetInt32("Version") ?? 0 : null;
    }

    internal static string ListPartition(string authorityId) => TableKeys.Safe($"list-{authorityId}");

    internal static string InboxPartition(string authorityId, string approverGroup) => TableKeys.Safe($"inbox-{authorityId}-{approverGroup}");

    internal static string DecidedPartition(string authorityId, string approverGroup) => TableKeys.Safe($"decided-{authorityId}-{approverGroup}");

    private async Task UpsertAsync(
        string partition, string rowKey, int version, Func<TableEntity?, TableEntity> build, CancellationToken cancellationToken, TableEntity? companion = null)
    {
        // A request's first version has no rows yet: insert without reading first, one round trip instead of two.
        if (version == FirstVersion && await TryAddAsync(partition, rowKey, build(null), cancellationToken, companion))
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
            await WriteAsync(existing is null ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, existing.ETag), companion, token);
        }, cancellationToken);
    }

    // The row alone in one call; with its companion (same partition), both in one transaction or neither.
    private async Task WriteAsync(TableTransactionAction action, TableEntity? companion, CancellationToken cancellationToken)
    {
        if (companion is not null)
        {
            await tables.Indexes.SubmitTransactionAsync([action, new TableTransactionAction(TableTransactionActionType.UpsertReplace, companion)], cancellationToken);
        }
        else if (action.ActionType == TableTransactionActionType.Add)
        {
            await tables.Indexes.AddEntityAsync((TableEntity)action.Entity, cancellationToken);
        }
        else
        {
            await tables.Indexes.UpdateEntityAsync((TableEntity)action.Entity, action.ETag, TableUpdateMode.Replace, cancellationToken);
        }
    }

    private async Task<bool> TryAddAsync(string partition, string rowKey, TableEntity entity, CancellationToken cancellationToken, TableEntity? companion = null)
    {
        entity.PartitionKey = partition;
        entity.RowKey = rowKey;
        try
        {
            await WriteAsync(new TableTransactionAction(TableTransactionActionType.Add, entity), companion, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (TableKeys.IsConflict(ex))
        {
            // Written already (a redelivery, or the other queue's reconciliation): compare versions the usual way.
            return false;
        }
    }
}
