using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace CivilProtection.Domain.Rosters;

/// <summary>Writes a roster's local times as ISO without offset (<c>2026-03-29T01:30:00</c>), whatever serializer options are in use.</summary>
public sealed class LocalDateTimeJsonConverter : JsonConverter<LocalDateTime>
{
    public override LocalDateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && RosterTime.TryParseLocal(reader.GetString(), out var local))
        {
            return local;
        }
        throw new JsonException("Expected a local date and time such as 2026-03-29T01:30:00.");
    }

    public override void Write(Utf8JsonWriter writer, LocalDateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(RosterTime.Format(value));
}
