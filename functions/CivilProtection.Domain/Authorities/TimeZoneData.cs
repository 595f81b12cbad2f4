using NodaTime;
using NodaTime.TimeZones;

namespace CivilProtection.Domain.Authorities;

/// <summary>
/// The system's one source of time-zone rules: NodaTime's embedded tzdb, never the operating system's. The machine's
/// data can be years older (this one's 2025b still has Morocco on UTC+1 after 2026-09-20; tzdb 2026f has it on UTC+0),
/// and a page or an SMS an hour off sends a responder to a meeting point at the wrong time.
/// </summary>
public static class TimeZoneData
{
    /// <summary>The tzdb release the rules come from, e.g. <c>2026f</c>.</summary>
    public static string Version { get; } = TzdbDateTimeZoneSource.Default.TzdbVersion;

    /// <summary>The zone of an IANA id, or null when tzdb does not know it.</summary>
    public static DateTimeZone? Find(string? zoneId) => string.IsNullOrWhiteSpace(zoneId) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);

    /// <summary>The offset from UTC a zone has at an instant.</summary>
    public static TimeSpan OffsetAt(DateTimeZone zone, DateTimeOffset instant) =>
        zone.GetUtcOffset(Instant.FromDateTimeOffset(instant)).ToTimeSpan();
}
