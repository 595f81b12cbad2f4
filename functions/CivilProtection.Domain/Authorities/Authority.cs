namespace CivilProtection.Domain.Authorities;

/// <summary>A national civil-protection authority that can ask for, or give, assistance.</summary>
/// <param name="Id">Stable identifier, e.g. <c>MA-DGPC</c>.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country code.</param>
/// <param name="Name">The agency's own name.</param>
/// <param name="Languages">Working languages (<c>fr</c>, <c>en</c>, <c>ar</c>).</param>
/// <param name="TimeZone">IANA time zone the authority works in, e.g. <c>Africa/Casablanca</c>.</param>
public sealed record Authority(string Id, string Country, string Name, IReadOnlyList<string> Languages, string TimeZone);
