using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Rosters;
using CivilProtection.Domain.Rosters;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// On-call rosters in Table Storage: one row per authority (partition) and team (row), the roster as JSON split
/// over as many properties (<c>Data0</c>, <c>Data1</c>…) as it needs. Replacements are guarded by the row's ETag, so of two coordinators
/// saving at the same moment, the second is told (<see cref="ConcurrentChangeException"/>) instead of
/// silently undoing the first.
/// </summary>
public sealed class TableRosters(StateTables tables) : IRosters, IVersionedRosters
{
    public async Task<OnCallRoster?> FindAsync(string authorityId, string team, CancellationToken cancellationToken) =>
        (await FindVersionedAsync(authorityId, team, cancellationToken))?.Roster;

    public async Task<IReadOnlyList<OnCallRoster>> ListAsync(string authorityId, CancellationToken cancellationToken)
    {
        var rosters = new List<OnCallRoster>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Safe(authorityId)}");
        await foreach (var entity in tables.Rosters.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rosters.Add(Deserialize(entity));
        }
        return rosters;
    }

    /// <summary>Writes the roster whatever is stored (seeding, tools); people editing go through <see cref="ReplaceAsync"/>.</summary>
    public async Task SaveAsync(OnCallRoster roster, CancellationToken cancellationToken) =>
        await tables.Rosters.UpsertEntityAsync(Row(roster), TableUpdateMode.Replace, cancellationToken);

    public async Task<VersionedRoster?> FindVersionedAsync(string authorityId, string team, CancellationToken cancellationToken)
    {
        var response = await tables.Rosters.GetEntityIfExistsAsync<TableEntity>(TableKeys.Safe(authorityId), TableKeys.Safe(team), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity
            ? new VersionedRoster(Deserialize(entity), entity.ETag.ToString())
            : null;
    }

    public async Task<string> ReplaceAsync(OnCallRoster roster, string? expectedVersion, CancellationToken cancellationToken)
    {
        try
        {
            var response = expectedVersion is null
                ? await tables.Rosters.AddEntityAsync(Row(roster), cancellationToken)
                : await tables.Rosters.UpdateEntityAsync(Row(roster), new ETag(expectedVersion), TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag?.ToString() ?? "";
        }
        catch (RequestFailedException ex) when (TableKeys.IsConflict(ex) || ex.Status == 404)
        {
            throw new ConcurrentChangeException("Someone else changed this roster at the same moment; reload it and make your change again.", ex);
        }
    }

    // A roster of a thousand shifts outgrows one string property: its JSON is split as other large rows are.
    private static TableEntity Row(OnCallRoster roster)
    {
        var entity = new TableEntity(TableKeys.Safe(roster.AuthorityId), TableKeys.Safe(roster.Team)) { [RowFormat.Column] = RowFormat.Current, ["ShiftCount"] = roster.Shifts.Count };
        ChunkedJson.Write(entity, roster, TableRequestStore.Json);
        return entity;
    }

    private static OnCallRoster Deserialize(TableEntity entity) => ChunkedJson.Read<OnCallRoster>(entity, TableRequestStore.Json);
}
