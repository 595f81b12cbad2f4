using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CivilProtection.Application.Indexes;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// Lists and inboxes in their own partitions: <c>list-{authority}</c> (a row by request id, the same entry in filing
/// order, newest first, which lists read a page at a time, and once more in filing order among the requests in progress
/// only, which the requests page opens on), <c>inbox-{authority}-{group}</c> (what waits) and
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
        // The row by id guards the version; the rows in filing order, written in the same transaction, are what lists read.
        return UpsertAsync(partition, entry.RequestId, entry.Version, _ => ListRowById(partition, entry), cancellationToken,
            companions: existing => ListedCompanions(partition, entry, existing));
    }

    // The entry in filing order, and among the requests in progress while it is one: a request that ends leaves that range
    // in the same transaction, so the range holds only what is in progress (its row by id says whether it was there).
    private static List<TableTransactionAction> ListedCompanions(string partition, RequestListEntry entry, TableEntity? existing)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpsertReplace, ListedRow(partition, entry)) };
        if (IsInProgress(entry.Status))
        {
            actions.Add(new(TableTransactionActionType.UpsertReplace, ListedRow(partition, entry, InProgressRowKey(entry))));
        }
        else if (existing is not null && IsInProgress(existing.GetString("Status")))
        {
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, InProgressRowKey(entry)), ETag.All));
        }
        return actions;
    }

    /// <summary>Every row a list holds for an entry it has not held before: by id, in filing order, and among those in progress while it is one.</summary>
    internal static IEnumerable<TableEntity> ListRows(string partition, RequestListEntry entry)
    {
        yield return ListRowById(partition, entry);
        yield return ListedRow(partition, entry);
        if (IsInProgress(entry.Status))
        {
            yield return ListedRow(partition, entry, InProgressRowKey(entry));
        }
    }

    // A status the store does not know (a newer version's) counts as in progress: better listed once too often than never.
    private static bool IsInProgress(string? status) =>
        status is not null && !(WireNames.TryParse<RequestStatus>(status, out var known) && known.IsFinished());

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
        await EnsureInProgressListedAsync(partition, cancellationToken);
        // Asked only for statuses of requests in progress, the store reads the range that holds nothing else: on Azure a filter
        // on a column outside the key reads every row of its key range, and the whole list's range grows with the years.
        var query = ListedFilter(partition, filter, after, ServedInProgress(filter) ? InProgressPrefix : ListedPrefix);
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

    // A continuation's digest ties it to its filter, so a position of one range is never used with the other's.
    public bool IsListPosition(string after) => IsPosition(after, InProgressPrefix) || IsPosition(after, ListedPrefix);

    private static bool IsPosition(string after, string prefix) =>
        after.Length is > TicksDigits + 1 and <= 200 && after.StartsWith(prefix, StringComparison.Ordinal) && after.Length > prefix.Length + TicksDigits
        && after.AsSpan(prefix.Length, TicksDigits).IndexOfAnyExceptInRange('0', '9') < 0 && after[prefix.Length + TicksDigits] == '-' && TableKeys.Safe(after) == after;

    // Rows in filing order: '~', the inverted ticks of the filing (19 digits, so the newest sorts first), '-', the request id.
    // '~' sorts after every character of a request id, so the by-id rows and the ranges never mix in a key range; the
    // requests in progress, "~~" and the same, sort after every row in filing order ('~' after every digit).
    private const string ListedPrefix = "~";
    private const string InProgressPrefix = "~~";
    private const int TicksDigits = 19;
    private const string LayoutMarker = "~layout";
    private const string InProgressLayoutMarker = "~layout-in-progress";

    internal static string ListedRowKey(RequestListEntry entry) =>
        $"{ListedPrefix}{InvertedTicks(entry.FiledAt):D19}-{entry.RequestId}";

    internal static string InProgressRowKey(RequestListEntry entry) =>
        $"{InProgressPrefix}{InvertedTicks(entry.FiledAt):D19}-{entry.RequestId}";

    // Every status asked for is one of a request in progress (none asked means every request, ended ones too).
    private static bool ServedInProgress(RequestListFilter filter) =>
        filter.Statuses.Count > 0 && filter.Statuses.All(status => WireNames.TryParse<RequestStatus>(status, out var known) && !known.IsFinished());

    private static long InvertedTicks(DateTimeOffset at) => DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks;

    internal static TableEntity ListedRow(string partition, RequestListEntry entry, string? rowKey = null)
    {
        var row = new TableEntity(partition, rowKey ?? ListedRowKey(entry))
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

    private static string ListedFilter(string partition, RequestListFilter filter, string? after, string range)
    {
        // Filed from (inclusive) means inverted ticks up to its own; filed before (exclusive), inverted ticks above its own.
        var from = filter.FiledBefore is { } before ? $"{range}{InvertedTicks(before) + 1:D19}" : $"{range}0";
        var until = filter.FiledFrom is { } since ? $"{range}{InvertedTicks(since) + 1:D19}" : $"{range}:";
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
        if (filter.ReferencePrefix is { Length: > 0 } reference)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Reference ge {reference} and Reference lt {TableKeys.PrefixEnd(reference)}"));
        }
        return string.Join(" and ", clauses);
    }

    // Lists written before the filing-order rows hold only rows by id: the first read of such a partition writes each one's
    // filing-order row. An insert that finds the row there leaves it: a writer's newer version is already in it.
    private Task EnsureListedInFilingOrderAsync(string partition, CancellationToken cancellationToken) =>
        UpgradeOnceAsync(partition, LayoutMarker, async () =>
        {
            var byId = new List<TableEntity>();
            await foreach (var entry in EntriesByIdAsync(partition, cancellationToken))
            {
                byId.Add(ListedRow(partition, entry));
            }
            foreach (var chunk in byId.Chunk(100))
            {
                await AddAllAsync(chunk, cancellationToken);
            }
            return byId.Count;
        }, cancellationToken);

    // Lists written before the range of requests in progress have none: the first read of such a partition copies each
    // one in progress there. A writer that ended a request meanwhile found no row there to delete, so the rows copied are
    // looked at again after the copy, and those of requests ended since leave the range.
    private Task EnsureInProgressListedAsync(string partition, CancellationToken cancellationToken) =>
        UpgradeOnceAsync(partition, InProgressLayoutMarker, async () =>
        {
            var copied = new Dictionary<string, RequestListEntry>(StringComparer.Ordinal);
            await foreach (var entry in EntriesByIdAsync(partition, cancellationToken))
            {
                if (IsInProgress(entry.Status))
                {
                    copied[entry.RequestId] = entry;
                }
            }
            foreach (var chunk in copied.Values.Select(entry => ListedRow(partition, entry, InProgressRowKey(entry))).Chunk(100))
            {
                await AddAllAsync(chunk, cancellationToken);
            }
            await foreach (var entry in EntriesByIdAsync(partition, cancellationToken))
            {
                if (copied.ContainsKey(entry.RequestId) && !IsInProgress(entry.Status))
                {
                    await DeleteIfThereAsync(partition, InProgressRowKey(entry), cancellationToken);
                }
            }
            return copied.Count;
        }, cancellationToken);

    private async IAsyncEnumerable<RequestListEntry> EntriesByIdAsync(string partition, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in tables.Indexes.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {ListedPrefix}"), select: ["Entry"], cancellationToken: cancellationToken))
        {
            yield return JsonSerializer.Deserialize<RequestListEntry>(row.GetString("Entry"), TableRequestStore.Json)!;
        }
    }

    private async Task DeleteIfThereAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Indexes.DeleteEntityAsync(partition, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Gone already.
        }
    }

    // Partitions in today's layout, known to this process; each costs one point read of its markers the first time.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Partition, string Marker), bool> _upgraded = new();

    // Brings a partition written by an earlier version to today's layout once: without its marker, the upgrade, then the marker.
    private async Task UpgradeOnceAsync(string partition, string markerKey, Func<Task<int>> upgrade, CancellationToken cancellationToken)
    {
        if (_upgraded.ContainsKey((partition, markerKey)))
        {
            return;
        }
        var marker = await tables.Indexes.GetEntityIfExistsAsync<TableEntity>(partition, markerKey, select: ["RowKey"], cancellationToken: cancellationToken);
        if (!marker.HasValue)
        {
            var rows = await upgrade();
            await tables.Indexes.UpsertEntityAsync(MarkerRow(partition, markerKey, rows), TableUpdateMode.Replace, cancellationToken);
        }
        _upgraded[(partition, markerKey)] = true;
    }

    /// <summary>The rows saying a list partition is in today's layout, as its first read leaves them over an empty list.</summary>
    internal static IEnumerable<TableEntity> ListLayoutMarkerRows(string partition) =>
        [MarkerRow(partition, LayoutMarker, 0), MarkerRow(partition, InProgressLayoutMarker, 0)];

    /// <summary>The row saying an inbox partition is in today's layout, as its first read leaves it over an empty inbox.</summary>
    internal static TableEntity InboxLayoutMarkerRow(string partition) => MarkerRow(partition, LayoutMarker, 0);

    // How many rows bringing the partition there took, for whoever looks.
    private static TableEntity MarkerRow(string partition, string markerKey, int upgradedRows) =>
        new(partition, markerKey) { [RowFormat.Column] = RowFormat.Current, ["Upgraded"] = upgradedRows };

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
        UpgradeOnceAsync(partition, LayoutMarker, async () =>
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
        string partition, string rowKey, int version, Func<TableEntity?, TableEntity> build, CancellationToken cancellationToken,
        Func<TableEntity?, List<TableTransactionAction>>? companions = null)
    {
        // A request's first version has no rows yet: insert without reading first, one round trip instead of two.
        if (version == FirstVersion && await TryAddAsync(partition, rowKey, build(null), cancellationToken, companions?.Invoke(null)))
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
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, existing.ETag), companions?.Invoke(existing), token);
        }, cancellationToken);
    }

    // The row alone in one call; with its companions (same partition), all in one transaction or none.
    private async Task WriteAsync(TableTransactionAction action, List<TableTransactionAction>? companions, CancellationToken cancellationToken)
    {
        if (companions is { Count: > 0 })
        {
            List<TableTransactionAction> actions = [action, .. companions];
            try
            {
                await tables.Indexes.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404 && ex.FailedTransactionActionIndex is { } failed
                && failed < actions.Count && actions[failed].ActionType == TableTransactionActionType.Delete)
            {
                // A row the list held before the range of requests in progress has none there to delete until its first
                // read copies them: nothing was written, so the same writes again without the delete.
                await tables.Indexes.SubmitTransactionAsync(actions.Where(a => a.ActionType != TableTransactionActionType.Delete), cancellationToken);
            }
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

    private async Task<bool> TryAddAsync(string partition, string rowKey, TableEntity entity, CancellationToken cancellationToken, List<TableTransactionAction>? companions = null)
    {
        entity.PartitionKey = partition;
        entity.RowKey = rowKey;
        try
        {
            await WriteAsync(new TableTransactionAction(TableTransactionActionType.Add, entity), companions, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (TableKeys.IsConflict(ex))
        {
            // Written already (a redelivery, or the other queue's reconciliation): compare versions the usual way.
            return false;
        }
    }
}
