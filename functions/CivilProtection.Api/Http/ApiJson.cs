using System.Text.Json;
using System.Text.Json.Serialization;

namespace CivilProtection.Api.Http;

/// <summary>
/// The JSON the API reads and writes: camelCase, enums in kebab-case; strict about types (a number sent as a string,
/// <c>"quantity": "2"</c>, is refused: the web defaults would read it) and about text (no control characters).
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower), new PlainTextConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.Strict,
    };
}
