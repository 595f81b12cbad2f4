using System.Text;
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
    // A string property holds at most 64 KiB (32K UTF-16 characters); a roster of a thousand shifts needs several.
    private const int ChunkLength = 30_000;

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

    private static TableEntity Row(OnCallRoster roster)
    {
        var entity = new TableEntity(TableKeys.Safe(roster.AuthorityId), TableKeys.Safe(roster.Team)) { ["ShiftCount"] = roster.Shifts.Count };
        var json = JsonSerializer.Serialize(roster, TableRequestStore.Json);
        var chunks = (json.Length + ChunkLength - 1) / ChunkLength;
        for (var i = 0; i < chunks; i++)
        {
            entity[$"Data{i}"] = json.Substring(i * ChunkLength, Math.Min(ChunkLength, json.Length - (i * ChunkLength)));
        }
        entity["Chunks"] = chunks;
        return entity;
    }

    private static OnCallRoster Deserialize(TableEntity entity)
    {
        var json = new StringBuilder();
        for (var i = 0; i < (entity.GetInt32("Chunks") ?? 0); i++)
        {
            json.Append(entity.GetString($"Data{i}"));
        }
        return JsonSerializer.Deserialize<OnCallRoster>(json.ToString(), TableRequestStore.Json) ?? throw new InvalidDataException($"Roster row {entity.RowKey} is empty.");
    }
}
