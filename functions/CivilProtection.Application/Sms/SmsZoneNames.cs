using CivilProtection.Application.Zones;

namespace CivilProtection.Application.Sms;

/// <summary>Where an SMS puts the zone's name (<see cref="ZoneNames"/>) beside the local time it gives.</summary>
internal static class SmsZoneNames
{
    /// <summary>The local time followed by its zone's name: "16:30 (heure de Paris)", "16:30 Paris time", "16:30 بتوقيت باريس".</summary>
    public static string Named(string language, string localTime, string zoneId, TimeSpan offset) =>
        (language, ZoneNames.CommonName(language, zoneId)) switch
        {
            (_, null) => $"{localTime} {ZoneNames.Offset(offset)}",
            (SmsVocabulary.English or SmsVocabulary.Arabic, var name) => $"{localTime} {name}",
            (_, var name) => $"{localTime} ({name})",
        };
}
