using System.Globalization;
using System.Text.RegularExpressions;
using CivilProtection.Domain.Authorities;
using NodaTime;

namespace CivilProtection.Application.Sms;

/// <summary>
/// Reads the estimated arrival a departure by SMS gives after its keyword, as normalized by
/// <see cref="ReplyGrammar.Normalize"/>: a delay (<c>+3h</c>, <c>+90min</c>, <c>+2h30</c>, <c>in 3h</c>,
/// <c>dans 2 h</c>, <c>خلال 3 ساعات</c>) or a clock time (<c>14:30</c>, <c>14h30</c>, <c>eta 9h</c>) in the
/// sender's authority's zone, the next time that clock shows it.
/// </summary>
public static partial class ArrivalEstimates
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    /// <summary>The estimated arrival, or null when the text gives none (or one more than a week away).</summary>
    public static DateTimeOffset? Parse(string? text, DateTimeOffset now, string timeZone)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (Delay().Match(text) is { Success: true } delay)
        {
            var hours = delay.Groups["h"].Success ? int.Parse(delay.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
            var minutes = delay.Groups["m"].Success ? int.Parse(delay.Groups["m"].Value, CultureInfo.InvariantCulture)
                : delay.Groups["mm"].Success ? int.Parse(delay.Groups["mm"].Value, CultureInfo.InvariantCulture) : 0;
            var span = TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes);
            return span > TimeSpan.Zero && span <= Longest ? now + span : null;
        }
        // Read normalized, "14:30" is "14 30" (the colon is punctuation to the grammar).
        if (Clock().Match(text) is { Success: true } clock)
        {
            var hour = int.Parse(clock.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minute = clock.Groups["m"].Success ? int.Parse(clock.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
            if (hour > 23 || minute > 59)
            {
                return null;
            }
            var zone = TimeZoneData.Find(timeZone) ?? DateTimeZone.Utc;
            var local = Instant.FromDateTimeOffset(now).InZone(zone);
            var at = local.Date.At(new LocalTime(hour, minute)).InZoneLeniently(zone).ToDateTimeOffset();
            return at > now ? at : local.Date.PlusDays(1).At(new LocalTime(hour, minute)).InZoneLeniently(zone).ToDateTimeOffset();
        }
        return null;
    }

    [GeneratedRegex(@"(?:^|\s)(?:\+\s*|in\s+|dans\s+|خلال\s+|بعد\s+)(?:(?<h>\d{1,3})\s*(?:h|hours?|heures?|hrs?|ساعات|ساعة)\s*(?<mm>\d{2})?|(?<m>\d{1,4})\s*(?:min|mins|minutes?|mn|دقيقة|دقائق))(?:\s|$)")]
    private static partial Regex Delay();

    [GeneratedRegex(@"(?:^|\s)(?<h>\d{1,2})(?:\s*h\s*(?<m>\d{2})?|\s(?<m>\d{2}))(?:\s|$)")]
    private static partial Regex Clock();
}
