using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CivilProtection.Infrastructure.Tables;

namespace CivilProtection.Testing;

/// <summary>
/// Every row of the state tables as files, one JSON file per table, each property with its type: written by one
/// version of the code (<see cref="WriteAsync"/>), loaded into fresh tables (<see cref="LoadAsync"/>) to prove a later
/// version reads them and carries on. Timestamps and ETags are the service's and are left out.
/// </summary>
public static class RowFixtures
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task WriteAsync(StateTables tables, string prefix, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        Directory.CreateDirectory(directory);
        foreach (var table in tables.All)
        {
            var rows = new JsonArray();
            await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            {
                var properties = new JsonObject();
                foreach (var (name, value) in entity.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")
                    {
                        continue;
                    }
                    properties[name] = Typed(value);
                }
                rows.Add(new JsonObject { ["PartitionKey"] = entity.PartitionKey, ["RowKey"] = entity.RowKey, ["Properties"] = properties });
            }
            await File.WriteAllTextAsync(Path.Combine(directory, $"{table.Name[prefix.Length..]}.json"), rows.ToJsonString(Indented) + "\n", cancellationToken);
        }
    }

    public static async Task LoadAsync(StateTables tables, string prefix, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        await tables.CreateIfMissingAsync(cancellationToken);
        foreach (var table in tables.All)
        {
            var file = Path.Combine(directory, $"{table.Name[prefix.Length..]}.json");
            if (!File.Exists(file))
            {
                continue;
            }
            foreach (var row in JsonNode.Parse(await File.ReadAllTextAsync(file, cancellationToken))!.AsArray())
            {
                var entity = new TableEntity((string)row!["PartitionKey"]!, (string)row["RowKey"]!);
                foreach (var (name, typed) in row["Properties"]!.AsObject())
                {
                    entity[name] = Value(typed!);
                }
                await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
            }
        }
    }

    private static JsonObject Typed(object? value) => value switch
    {
        string s => new JsonObject { ["Type"] = "String", ["Value"] = s },
        int i => new JsonObject { ["Type"] = "Int32", ["Value"] = i },
        long l => new JsonObject { ["Type"] = "Int64", ["Value"] = l.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        bool b => new JsonObject { ["Type"] = "Boolean", ["Value"] = b },
        double d => new JsonObject { ["Type"] = "Double", ["Value"] = d },
        DateTimeOffset t => new JsonObject { ["Type"] = "DateTime", ["Value"] = t.ToString("O", System.Globalization.CultureInfo.InvariantCulture) },
        DateTime t => new JsonObject { ["Type"] = "DateTime", ["Value"] = new DateTimeOffset(t).ToString("O", System.Globalization.CultureInfo.InvariantCulture) },
        Guid g => new JsonObject { ["Type"] = "Guid", ["Value"] = g.ToString() },
        byte[] bytes => new JsonObject { ["Type"] = "Binary", ["Value"] = Convert.ToBase64String(bytes) },
        BinaryData data => new JsonObject { ["Type"] = "Binary", ["Value"] = Convert.ToBase64String(data.ToArray()) },
        null => new JsonObject { ["Type"] = "Null" },
        _ => throw new InvalidDataException($"A property of type {value.GetType()} has no fixture form."),
    };

    private static object? Value(JsonNode typed) => (string)typed["Type"]! switch
    {
        "String" => (string)typed["Value"]!,
        "Int32" => (int)typed["Value"]!,
        "Int64" => long.Parse((string)typed["Value"]!, System.Globalization.CultureInfo.InvariantCulture),
        "Boolean" => (bool)typed["Value"]!,
        "Double" => (double)typed["Value"]!,
        "DateTime" => DateTimeOffset.Parse((string)typed["Value"]!, System.Globalization.CultureInfo.InvariantCulture),
        "Guid" => Guid.Parse((string)typed["Value"]!),
        "Binary" => Convert.FromBase64String((string)typed["Value"]!),
        "Null" => null,
        var other => throw new InvalidDataException($"No property type {other} in a fixture."),
    };
}
