using CivilProtection.Application.Directory;
using CivilProtection.Domain.Authorities;
using CivilProtection.Domain.Rosters;
using NodaTime;
using NodaTime.Text;

namespace CivilProtection.Application.Zones;

/// <summary>
/// An instant on the wall clock of one zone concerned: the authorities working in it, the local time to the minute
/// (<c>2026-12-06T06:10</c>), the zone's offset then (<c>+00:00</c>), and the zone's name per language
/// (<see cref="ZoneNames"/>), so a page shows it without computing any zone itself.
/// </summary>
public sealed record LocalTimeView(IReadOnlyList<string> AuthorityIds, string TimeZone, string Local, string Offset, IReadOnlyDictionary<string, string> ZoneName);

/// <summary>
/// The time zones of the authorities a request concerns, requesting authority first, one per distinct zone; local
/// times come from NodaTime's tzdb (<see cref="TimeZoneData"/>) only, never from the machine's or the browser's data.
/// </summary>
public sealed class ConcernedZones
{
    private static readonly LocalDateTimePattern ToTheMinute = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    private readonly IReadOnlyList<(IReadOnlyList<string> AuthorityIds, DateTimeZone Zone)> zones;

    private ConcernedZones(IReadOnlyList<(IReadOnlyList<string>, DateTimeZone)> zones) => this.zones = zones;

    /// <summary>The directory's zones of these authorities; an authority unknown, or with a zone tzdb does not know, counts as UTC.</summary>
    public static async Task<ConcernedZones> OfAsync(IDirectory directory, IReadOnlyList<string> authorityIds, CancellationToken cancellationToken)
    {
        var authorities = await Task.WhenAll(authorityIds.Distinct(StringComparer.Ordinal).Select(async id =>
            (Id: id, Zone: TimeZoneData.Find((await directory.FindAuthorityAsync(id, cancellationToken))?.TimeZone) ?? DateTimeZone.Utc)));
        return new(authorities
            .GroupBy(a => a.Zone.Id, StringComparer.Ordinal)
            .Select(group => ((IReadOnlyList<string>)group.Select(a => a.Id).ToList(), group.First().Zone))
            .ToList());
    }

    /// <summary>The instant's local time in each zone concerned.</summary>
    public IReadOnlyList<LocalTimeView> At(DateTimeOffset instant) => zones.Select(z =>
    {
        var at = Instant.FromDateTimeOffset(instant);
        return new LocalTimeView(
            z.AuthorityIds,
            z.Zone.Id,
            ToTheMinute.Format(at.InZone(z.Zone).LocalDateTime),
            RosterTime.OffsetAt(z.Zone, at),
            ZoneNames.InEveryLanguage(z.Zone.Id, TimeZoneData.OffsetAt(z.Zone, instant)));
    }).ToList();

    /// <summary>The same, or null when there is no instant.</summary>
    public IReadOnlyList<LocalTimeView>? At(DateTimeOffset? instant) => instant is { } at ? At(at) : null;
}
