namespace CivilProtection.Domain.Authorities;

/// <summary>A national civil-protection authority that can ask for, or give, assistance.</summary>
/// <param name="Id">Stable identifier, e.g. <c>MA-DGPC</c>.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country code.</param>
/// <param name="Name">The agency's own name.</param>
/// <param name="Languages">Working languages (<c>fr</c>, <c>en</c>, <c>ar</c>).</param>
/// <param name="TimeZone">IANA time zone the authority works in, e.g. <c>Africa/Casablanca</c>.</param>
/// <param name="Names">The name in each interface language; absent in rows stored before it existed.</param>
/// <param name="ContactTeam">The 24/7 contact point: the team whose roster is paged for incoming requests and offers.</param>
/// <param name="Retired">A retired authority files and receives nothing new; its requests stay visible.</param>
public sealed record Authority(
    string Id,
    string Country,
    string Name,
    IReadOnlyList<string> Languages,
    string TimeZone,
    IReadOnlyDictionary<string, string>? Names = null,
    string ContactTeam = Rosters.Teams.Operations,
    bool Retired = false)
{
    /// <summary>The name in <paramref name="language"/>, else the agency's own.</summary>
    public string NameIn(string language) => Names?.GetValueOrDefault(language) is { Length: > 0 } name ? name : Name;
}
