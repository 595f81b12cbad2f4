namespace CivilProtection.Domain.Requests;

/// <summary>What may be asked for: incident types, capabilities (after the EU civil-protection modules) and languages.</summary>
public static class Catalogue
{
    public static IReadOnlyList<string> IncidentTypes { get; } =
    [
        "flood", "earthquake", "wildfire", "major-event", "storm", "landslide", "industrial-accident", "epidemic", "other",
    ];

    public static IReadOnlyList<string> Capabilities { get; } =
    [
        "urban-search-and-rescue",
        "aerial-forest-firefighting",
        "ground-forest-firefighting",
        "high-capacity-pumping",
        "water-purification",
        "emergency-medical-team",
        "medical-aerial-evacuation",
        "cbrn-detection",
        "shelter",
        "flood-rescue-boats",
        "power-generation",
        "technical-assistance-support-team",
    ];

    public static IReadOnlyList<string> Languages { get; } = ["fr", "en", "ar"];
}
