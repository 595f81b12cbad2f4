namespace CivilProtection.Domain.Requests;

/// <summary>What may be asked for: incident types, capabilities (after the EU civil-protection modules) and languages.</summary>
public static class Catalogue
{
    public static IReadOnlyList<string> IncidentTypes { get; } =
    [
        "flood", "earthquake", "wildfire", "major-event", "storm", "landslide", "industrial-accident", "epidemic", "other",
    ];

    /// <summary>The codes of the legacy catalogue version (<see cref="CatalogueVersions.Legacy"/>), still accepted when a filing uses only them.</summary>
    public static IReadOnlyList<string> Capabilities { get; } = CatalogueVersions.Legacy.Entries.Select(e => e.Code).ToList();

    public static IReadOnlyList<string> Languages { get; } = ["fr", "en", "ar"];
}
