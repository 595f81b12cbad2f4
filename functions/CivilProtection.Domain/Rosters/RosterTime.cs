using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace CivilProtection.Domain.Rosters;

/// <summary>
/// How roster times written in an authority's local time become instants, with NodaTime's embedded tzdb so the
/// answer never depends on the machine's time-zone data.
/// </summary>
/// <remarks>
/// Policy for the two hours a year (or, in Morocco, around Ramadan) when local time is not a plain clock:
/// <list type="bullet">
/// <item>A time in a <b>gap</b> (skipped when clocks go forward, e.g. 02:30 in Paris on the last Sunday of
/// March) is moved forward by the length of the gap (02:30 becomes 03:30): a shift starting there starts as
/// late as its owner expects on the wall clock after the change, and one ending there ends at the same point.</item>
/// <item>A time in an <b>overlap</b> (repeated when clocks go back, e.g. 02:30 in Paris on the last Sunday of
/// October) takes the <b>earlier</b> of its two instants.</item>
/// </list>
/// Starts and ends are mapped the same way, so a shift ending at 02:30 and the next one starting at 02:30 meet
/// at the same instant: nobody falls between two shifts whatever the change. This is NodaTime's
/// <see cref="Resolvers.LenientResolver"/>.
/// </remarks>
public static class RosterTime
{
    /// <summary>The resolver of the policy above.</summary>
    public static ZoneLocalMappingResolver Resolver { get; } = Resolvers.LenientResolver;

    /// <summary>The formats accepted for a local time: ISO with or without seconds, <c>T</c> or a space.</summary>
    private static readonly LocalDateTimePattern[] Patterns =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm"),
    ];

    /// <summary>How local times are written back: ISO, to the second, no offset.</summary>
    public static LocalDateTimePattern Iso { get; } = Patterns[0];

    /// <summary>The zone with this IANA id, or null (case matters, as in tzdb: <c>Europe/Paris</c>).</summary>
    public static DateTimeZone? FindZone(string? id) => string.IsNullOrEmpty(id) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);

    /// <summary>The instant a roster time means in <paramref name="zone"/>, under the gap and overlap policy.</summary>
    public static Instant ToInstant(LocalDateTime local, DateTimeZone zone) => zone.ResolveLocal(local, Resolver).ToInstant();

    /// <summary>Parses a local time as people write it in a form or a CSV file (<c>2026-03-29T01:30</c>).</summary>
    public static bool TryParseLocal(string? text, out LocalDateTime local)
    {
        local = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }
        foreach (var pattern in Patterns)
        {
            if (pattern.Parse(trimmed) is { Success: true } result)
            {
                local = result.Value;
                return true;
            }
        }
        return false;
    }

    /// <summary>A local time as the API and the files write it.</summary>
    public static string Format(LocalDateTime local) => Iso.Format(local);

    /// <summary>The zone's offset at an instant, as <c>+01:00</c>.</summary>
    public static string OffsetAt(DateTimeZone zone, Instant instant) => OffsetText.Format(zone.GetUtcOffset(instant));

    private static readonly OffsetPattern OffsetText = OffsetPattern.CreateWithInvariantCulture("+HH:mm");
}
