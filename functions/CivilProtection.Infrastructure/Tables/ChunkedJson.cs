using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// JSON split over several string properties: a property holds at most 64 KiB, an entity 1 MiB, and a dispatch
/// of hundreds of responders outgrows one property.
/// </summary>
internal static class ChunkedJson
{
    /// <summary>30,000 UTF-16 characters stay under the 64 KiB property limit.</summary>
    public const int ChunkLength = 30_000;

    public static void Write<T>(TableEntity entity, T value, JsonSerializerOptions options) => WriteText(entity, JsonSerializer.Serialize(value, options));

    public static T Read<T>(TableEntity entity, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<T>(ReadText(entity), options) ?? throw new InvalidDataException($"Row {entity.RowKey} is empty.");

    public static void WriteText(TableEntity entity, string json)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(json);
        var chunks = (json.Length + ChunkLength - 1) / ChunkLength;
        for (var i = 0; i < chunks; i++)
        {
            entity[$"Data{i}"] = json.Substring(i * ChunkLength, Math.Min(ChunkLength, json.Length - (i * ChunkLength)));
        }
        entity["Chunks"] = chunks;
    }

    public static string ReadText(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        RowFormat.Readable(entity);
        var chunks = entity.GetInt32("Chunks") ?? 0;
        var json = new StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            json.Append(entity.GetString($"Data{i}"));
        }
        return json.ToString();
    }
}
