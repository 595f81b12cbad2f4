using System.Globalization;
using CivilProtection.Application.Zones;
using CivilProtection.Domain.Authorities;
using CivilProtection.Domain.Requests;
using NodaTime;

namespace CivilProtection.Application.Sms;

/// <summary>
/// The words and formats SMS texts share, per language: urgencies, capabilities, times. French texts keep to
/// characters of GSM-7 where the language allows (é è à É, straight apostrophes), so they cost 160 characters a
/// segment rather than 70.
/// </summary>
internal static class SmsVocabulary
{
    public const string French = ZoneNames.French;
    public const string English = ZoneNames.English;
    public const string Arabic = ZoneNames.Arabic;

    /// <summary>The language to write in: the recipient's if we have its texts, French otherwise (as the pages do).</summary>
    public static string LanguageOf(string? language) =>
        language?.Trim().ToLowerInvariant() switch
        {
            English => English,
            Arabic => Arabic,
            _ => French,
        };

    public static string Urgency(string language, Urgency urgency) => (language, urgency) switch
    {
        (English, Domain.Requests.Urgency.LifeSafety) => "LIFE SAFETY",
        (English, Domain.Requests.Urgency.Urgent) => "URGENT",
        (English, _) => "ROUTINE",
        (Arabic, Domain.Requests.Urgency.LifeSafety) => "حياة في خطر",
        (Arabic, Domain.Requests.Urgency.Urgent) => "عاجل",
        (Arabic, _) => "عادي",
        (_, Domain.Requests.Urgency.LifeSafety) => "URGENCE VITALE",
        (_, Domain.Requests.Urgency.Urgent) => "URGENTE",
        _ => "COURANTE",
    };

    public static string Capability(string language, string code) =>
        Capabilities.TryGetValue(code, out var labels)
            ? language switch { English => labels.En, Arabic => labels.Ar, _ => labels.Fr }
            : Domain.Requests.CatalogueVersions.NameOf(code, language);

    /// <summary>
    /// A short local time in the recipient's zone, with the zone named: "14/03 16:30 (heure de Paris)", "14 Mar 16:30
    /// Paris time", or the UTC offset for a zone without a common name. Rules from NodaTime's tzdb only.
    /// </summary>
    public static string Time(string language, DateTimeOffset instant, string timeZone)
    {
        var zone = TimeZoneData.Find(timeZone);
        var local = Instant.FromDateTimeOffset(instant).InZone(zone ?? DateTimeZone.Utc).LocalDateTime;
        var text = language == English
            // Invariant month names ("Sep", not ICU's en-GB "Sept"): the same text on every machine.
            ? local.ToString("d MMM HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("dd/MM HH:mm", CultureInfo.InvariantCulture);
        // An unknown zone must not pass UTC off as local time.
        return zone is null ? text + " UTC" : SmsZoneNames.Named(language, text, zone.Id, TimeZoneData.OffsetAt(zone, instant));
    }

    /// <summary>A duration in whole minutes ("45 min"), or hours and minutes past an hour ("2 h 05").</summary>
    public static string Duration(string language, TimeSpan duration)
    {
        var minutes = Math.Max(0, (int)Math.Round(duration.TotalMinutes));
        if (minutes < 60)
        {
            return language == Arabic ? $"{minutes} دقيقة" : $"{minutes} min";
        }
        var hours = minutes / 60;
        var rest = minutes % 60;
        return language == Arabic ? $"{hours} ساعة {rest} دقيقة" : $"{hours} h {rest:00}";
    }

    private static readonly Dictionary<string, (string Fr, string En, string Ar)> Capabilities = new(StringComparer.Ordinal)
    {
        ["urban-search-and-rescue"] = ("recherche et sauvetage urbain", "urban search and rescue", "البحث والإنقاذ في المناطق الحضرية"),
        ["aerial-forest-firefighting"] = ("lutte aérienne contre les incendies", "aerial forest firefighting", "مكافحة حرائق الغابات جوا"),
        ["ground-forest-firefighting"] = ("lutte terrestre contre les incendies", "ground forest firefighting", "مكافحة حرائق الغابات برا"),
        ["high-capacity-pumping"] = ("pompage grande capacité", "high-capacity pumping", "الضخ عالي القدرة"),
        ["water-purification"] = ("purification de l'eau", "water purification", "تنقية المياه"),
        ["emergency-medical-team"] = ("équipe médicale d'urgence", "emergency medical team", "فريق طبي للطوارئ"),
        ["medical-aerial-evacuation"] = ("évacuation médicale aérienne", "medical aerial evacuation", "الإجلاء الطبي الجوي"),
        ["cbrn-detection"] = ("détection NRBC", "CBRN detection", "الكشف الكيميائي والبيولوجي والإشعاعي والنووي"),
        ["shelter"] = ("hébergement d'urgence", "emergency shelter", "الإيواء في حالات الطوارئ"),
        ["flood-rescue-boats"] = ("sauvetage inondation par bateaux", "flood rescue with boats", "الإنقاذ في الفيضانات بالقوارب"),
        ["power-generation"] = ("production d'électricité", "power generation", "توليد الكهرباء"),
        ["technical-assistance-support-team"] = ("équipe d'appui technique", "technical assistance support team", "فريق المساعدة والدعم التقني"),
    };
}
