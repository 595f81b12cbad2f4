using System.Text.Json;
using Azure.Data.Tables;
using CivilProtection.Application.Capabilities;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// National resource types in the <c>Directory</c> table: one partition (<c>national-types</c>) for every authority's,
/// since the forms check a code against all of them in one query; row key the code; each change guarded by the ETag.
/// </summary>
public sealed class TableNationalTypes(StateTables tables) : INationalTypeStore
{
    private const string Partition = "national-types";

    public async Task<IReadOnlyList<VersionedNationalType>> ListAsync(CancellationToken cancellationToken)
    {
        var found = new List<VersionedNationalType>();
        await foreach (var entity in tables.Directory.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            var type = JsonSerializer.Deserialize<NationalType>(RowFormat.Readable(entity).GetString("Data"), TableRequestStore.Json)
                ?? throw new InvalidDataException($"National type row {entity.RowKey} is empty.");
            found.Add(new VersionedNationalType(type, entity.ETag.ToString()));
        }
        return found.OrderBy(t => t.Type.Code, StringComparer.Ordinal).ToList();
    }

    public async Task<string> SaveAsync(NationalType type, string? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        var entity = new TableEntity(Partition, TableKeys.Safe(type.Code))
        {
            [RowFormat.Column] = RowFormat.Current,
            ["AuthorityId"] = type.AuthorityId,
            ["Data"] = JsonSerializer.Serialize(type, TableRequestStore.Json),
        };
        return await VersionedRow.SaveAsync(tables.Directory, entity, expectedVersion, type.Code, cancellationToken);
    }
}
