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
    // 30,000 UTF-16 characters stay under the 64 KiB property limit.
    private const int ChunkLength = 30_000;

    public static void Write<T>(TableEntity entity, T value, JsonSerializerOptions options)
    {
        var json = JsonSerializer.Serialize(value, options);
        var chunks = (json.Length + ChunkLength - 1) / ChunkLength;
        for (var i = 0; i < chunks; i++)
        {
            entity[$"Data{i}"] = json.Substring(i * ChunkLength, Math.Min(ChunkLength, json.Length - (i * ChunkLength)));
        }
        entity["Chunks"] = chunks;
    }

    public static T Read<T>(TableEntity entity, JsonSerializerOptions options)
    {
        var chunks = entity.GetInt32("Chunks") ?? 0;
        var json = new StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            json.Append(entity.GetString($"Data{i}"));
        }
        return JsonSerializer.Deserialize<T>(json.ToString(), options) ?? throw new InvalidDataException($"Row {entity.RowKey} is empty.");
    }
}
