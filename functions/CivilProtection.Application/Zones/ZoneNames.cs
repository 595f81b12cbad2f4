using System.Globalization;

namespace CivilProtection.Application.Zones;

/// <summary>
/// How people name the zone of a time, so nobody reads another country's clock as their own: the name people use
/// for the zones of our authorities ("heure de Paris", "Paris time", "بتوقيت باريس"), the UTC offset at that instant
/// for any other zone ("UTC+03:00"). SMS texts and pages both name zones from here.
/// </summary>
public static class ZoneNames
{
    /// <summary>The languages zones are named in (those of SMS texts and pages).</summary>
    public const string French = "fr";
    public const string English = "en";
    public const string Arabic = "ar";

    private static readonly Dictionary<string, (string Fr, string En, string Ar)> Common = new(StringComparer.Ordinal)
    {
        ["Europe/Paris"] = ("heure de Paris", "Paris time", "بتوقيت باريس"),
        ["Africa/Casablanca"] = ("heure du Maroc", "Morocco time", "بتوقيت المغرب"),
        ["Europe/Madrid"] = ("heure de Madrid", "Madrid time", "بتوقيت مدريد"),
        ["Europe/Lisbon"] = ("heure de Lisbonne", "Lisbon time", "بتوقيت لشبونة"),
        ["Africa/Tunis"] = ("heure de Tunis", "Tunis time", "بتوقيت تونس"),
        ["Africa/Algiers"] = ("heure d'Alger", "Algiers time", "بتوقيت الجزائر"),
        ["Europe/Rome"] = ("heure de Rome", "Rome time", "بتوقيت روما"),
        ["Europe/Brussels"] = ("heure de Bruxelles", "Brussels time", "بتوقيت بروكسل"),
    };

    /// <summary>The zone's common name in one language (fr, en, ar; French otherwise), or null when it has none.</summary>
    public static string? CommonName(string language, string zoneId) =>
        Common.TryGetValue(zoneId, out var names)
            ? language switch { English => names.En, Arabic => names.Ar, _ => names.Fr }
            : null;

    /// <summary>The zone's name in each language: its common name, else its offset at that instant ("UTC+03:00").</summary>
    public static IReadOnlyDictionary<string, string> InEveryLanguage(string zoneId, TimeSpan offset) =>
        new[] { French, English, Arabic }.ToDictionary(language => language, language => CommonName(language, zoneId) ?? Offset(offset), StringComparer.Ordinal);

    /// <summary>"UTC", or "UTC+01:00" / "UTC-03:30".</summary>
    public static string Offset(TimeSpan offset) => offset == TimeSpan.Zero
        ? "UTC"
        : "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
