using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CivilProtection.Domain.Requests;

/// <summary>
/// The names the API, storage columns, pages and SMS keywords use for the domain's enumerations: one naming policy,
/// kebab-case of the member (<c>PendingApproval</c> is <c>pending-approval</c>), exactly as the API's
/// <see cref="JsonStringEnumConverter"/> with <see cref="JsonNamingPolicy.KebabCaseLower"/> writes them (a member's
/// <see cref="JsonStringEnumMemberNameAttribute"/> wins, as it does there), so a name read in a column is the name the
/// API sent.
/// </summary>
public static class WireNames
{
    public static JsonNamingPolicy Policy => JsonNamingPolicy.KebabCaseLower;

    private static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter(Policy) } };

    public static string Of<T>(T value) where T : struct, Enum => Names<T>.ByValue[value];

    /// <summary>Reads back the member of <typeparamref name="T"/> whose wire name is <paramref name="value"/> (exactly, case included).</summary>
    public static bool TryParse<T>(string? value, out T parsed) where T : struct, Enum =>
        Names<T>.ByName.TryGetValue(value ?? string.Empty, out parsed);

    // Computed once per enumeration by the converter itself, so the two can never disagree.
    private static class Names<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ByValue =
            Enum.GetValues<T>().ToFrozenDictionary(v => v, v => JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(v, Options))!);

        public static readonly FrozenDictionary<string, T> ByName = ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
