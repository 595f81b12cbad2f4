using System.Text.Json;
using Azure.Data.Tables;
using CivilProtection.Application.Capabilities;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// Authorities' team compositions in the <c>Directory</c> table: partition <c>composition-{authority}</c>, row key the
/// catalogue code, the composition as JSON; each change guarded by the row's ETag.
/// </summary>
public sealed class TableCompositions(StateTables tables) : ICompositionStore
{
    public async Task<IReadOnlyDictionary<string, VersionedComposition>> ListAsync(string authorityId, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, VersionedComposition>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(authorityId)}");
        await foreach (var entity in tables.Directory.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var composition = JsonSerializer.Deserialize<TeamComposition>(RowFormat.Readable(entity).GetString("Data"), TableRequestStore.Json)
                ?? throw new InvalidDataException($"Composition row {entity.RowKey} is empty.");
            found[entity.GetString("Code") ?? entity.RowKey] = new VersionedComposition(composition, entity.ETag.ToString());
        }
        return found;
    }

    public async Task<string> SaveAsync(string authorityId, string code, TeamComposition composition, string? expectedVersion, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(PartitionOf(authorityId), TableKeys.Safe(code))
        {
            [RowFormat.Column] = RowFormat.Current,
            ["Code"] = code,
            ["Data"] = JsonSerializer.Serialize(composition, TableRequestStore.Json),
        };
        return await VersionedRow.SaveAsync(tables.Directory, entity, expectedVersion, $"the composition for {code}", cancellationToken);
    }

    private static string PartitionOf(string authorityId) => "composition-" + TableKeys.Safe(authorityId);
}
