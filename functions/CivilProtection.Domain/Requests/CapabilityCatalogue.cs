using System.Text.Json;
using System.Text.Json.Serialization;

namespace CivilProtection.Domain.Requests;

/// <summary>One published version of the capability catalogue: what may be asked for, named in fr/en/ar, with its unit and an example team.</summary>
public sealed record CapabilityCatalogue(
    string Version,
    string Source,
    IReadOnlyDictionary<string, CatalogueNames> Roles,
    IReadOnlyList<CatalogueEntry> Entries)
{
    /// <summary>The entry with exactly this code, or null.</summary>
    public CatalogueEntry? Find(string code) => Entries.FirstOrDefault(e => e.Code == code);

    /// <summary>
    /// The entry a code stands for: its own code, or a legacy code that exactly one entry lists. A legacy code several
    /// entries list (<c>urban-search-and-rescue</c>: MUSAR or HUSAR) is ambiguous and resolves to nothing; see <see cref="EntriesListing"/>.
    /// </summary>
    public CatalogueEntry? Resolve(string code) =>
        Find(code) ?? (EntriesListing(code) is [var only] ? only : null);

    /// <summary>The entries that list <paramref name="legacyCode"/> among their legacy codes.</summary>
    public IReadOnlyList<CatalogueEntry> EntriesListing(string legacyCode) => Entries.Where(e => e.LegacyCodes.Contains(legacyCode)).ToList();
}

/// <summary>A resource type: code, unit, names, the codes it replaces, and for a module or team an example composition.</summary>
public sealed record CatalogueEntry(string Code, string Unit, CatalogueNames Names, IReadOnlyList<string> LegacyCodes, TeamComposition? Composition, string? Note);

/// <summary>A name in each language of the pages.</summary>
public sealed record CatalogueNames(string Fr, string En, string Ar)
{
    /// <summary>The name in <paramref name="language"/> (fr, en, ar), French for any other.</summary>
    public string In(string language) => language switch { "en" => En, "ar" => Ar, _ => Fr };
}

/// <summary>Who a module or team is made of. <see cref="Example"/> is true for the data file's defaults: nobody checked them against a regulation.</summary>
public sealed record TeamComposition(bool Example, string? Note, IReadOnlyList<CompositionRole> Roles);

/// <summary>A role of a team and how many people hold it.</summary>
public sealed record CompositionRole(string Role, int Count);

/// <summary>The units a resource type is counted in.</summary>
public static class CatalogueUnits
{
    public const string Module = "module";
    public const string Team = "team";
    public const string Person = "person";
    public const string Item = "item";

    public static IReadOnlyList<string> All { get; } = [Module, Team, Person, Item];
}

/// <summary>Every published catalogue version, read from the data files embedded in this assembly.</summary>
public static class CatalogueVersions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>The twelve codes in use before the catalogue was versioned; a stored request without a version reads with it.</summary>
    public static CapabilityCatalogue Legacy { get; } = Load("legacy-1.json");

    /// <summary>The version new requests are filed with.</summary>
    public static CapabilityCatalogue Current { get; } = Load("eu-2025-704-1.json");

    public static IReadOnlyList<CapabilityCatalogue> All { get; } = [Legacy, Current];

    /// <summary>The version of that name; null (a row stored before versions) is the legacy one; an unknown name is null.</summary>
    public static CapabilityCatalogue? Find(string? version) => version is null ? Legacy : All.FirstOrDefault(c => c.Version == version);

    /// <summary>Every code a person may list as a skill: today's legacy codes and the current version's.</summary>
    public static IReadOnlyList<string> SkillCodes { get; } = [.. Legacy.Entries.Select(e => e.Code), .. Current.Entries.Select(e => e.Code)];

    /// <summary>
    /// Whether a responder with <paramref name="skill"/> can serve a request for <paramref name="requestedCode"/>: the
    /// same code, or a legacy code the current entry lists (a pump operator listed for <c>high-capacity-pumping</c> serves <c>HCP</c>).
    /// </summary>
    public static bool Serves(string skill, string requestedCode) =>
        skill == requestedCode || Current.Find(requestedCode)?.LegacyCodes.Contains(skill) == true;

    /// <summary>The name of a code in a language, looked up in every version; the code itself when none knows it.</summary>
    public static string NameOf(string code, string language) =>
        (Current.Find(code) ?? Legacy.Find(code))?.Names.In(language) ?? code;

    /// <summary>The name of a team role (<c>pump-operator</c>) in a language; the role itself when no version knows it.</summary>
    public static string RoleNameOf(string role, string language) =>
        All.Select(c => c.Roles.TryGetValue(role, out var names) ? names.In(language) : null).LastOrDefault(n => n is not null) ?? role;

    /// <summary>Every team role a person may be listed for, from the current version.</summary>
    public static IReadOnlyList<string> TeamRoleCodes { get; } = [.. Current.Roles.Keys];

    private static CapabilityCatalogue Load(string file)
    {
        using var stream = typeof(CatalogueVersions).Assembly.GetManifestResourceStream("CatalogueData." + file)
            ?? throw new InvalidOperationException($"The catalogue data file {file} is not embedded.");
        var data = JsonSerializer.Deserialize<CatalogueFile>(stream, Json) ?? throw new InvalidDataException($"{file} is empty.");
        return new CapabilityCatalogue(
            data.Version, data.Source, data.Roles,
            data.Entries.Select(e => new CatalogueEntry(e.Code, e.Unit, e.Names, e.LegacyCodes ?? [], e.Composition, e.Note)).ToList());
    }

    private sealed record CatalogueFile(string Version, string Source, Dictionary<string, CatalogueNames> Roles, List<EntryFile> Entries);

    private sealed record EntryFile(string Code, string Unit, CatalogueNames Names, List<string>? LegacyCodes, TeamComposition? Composition, string? Note);
}
