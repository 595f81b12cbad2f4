using System.Text.Json;
using System.Text.Json.Serialization;

namespace CivilProtection.Api.Http;

/// <summary>The JSON the API reads and writes: camelCase, strict about unknown shapes only where the forms say so.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
