using System.Globalization;

namespace CivilProtection.Application.Sms;

/// <summary>
/// How an SMS names the zone of the time it gives, so nobody reads another country's clock as their own: the name people
/// use for the zones of our authorities ("heure de Paris", "Paris time", "بتوقيت باريس"), the UTC offset at that instant
/// for any other zone ("UTC+03:00").
/// </summary>
internal static class SmsZoneNames
{
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

    /// <summary>The local time followed by its zone's name: "16:30 (heure de Paris)", "16:30 Paris time", "16:30 بتوقيت باريس".</summary>
    public static string Named(string language, string localTime, string zoneId, TimeSpan offset)
    {
        if (Common.TryGetValue(zoneId, out var names))
        {
            return language switch
            {
                SmsVocabulary.English => $"{localTime} {names.En}",
                SmsVocabulary.Arabic => $"{localTime} {names.Ar}",
                _ => $"{localTime} ({names.Fr})",
            };
        }
        return $"{localTime} {Offset(offset)}";
    }

    /// <summary>"UTC", or "UTC+01:00" / "UTC-03:30".</summary>
    public static string Offset(TimeSpan offset) => offset == TimeSpan.Zero
        ? "UTC"
        : "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
