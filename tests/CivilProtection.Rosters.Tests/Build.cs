using CivilProtection.Domain.Rosters;
using NodaTime;

namespace CivilProtection.Rosters.Tests;

/// <summary>Short ways to write rosters and instants in tests.</summary>
internal static class Build
{
    public const string Paris = "Europe/Paris";
    public const string Casablanca = "Africa/Casablanca";

    public static LocalDateTime Local(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute);

    public static RosterShift Shift(string person, int tier, LocalDateTime start, LocalDateTime end) => new(person, tier, start, end);

    public static OnCallRoster Roster(string zone, params RosterShift[] shifts) => new("FR-DGSCGC", "validation", zone, shifts);

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>The instants the zone's offset changes in <paramref name="year"/>, found in NodaTime's tzdb rather than written here.</summary>
    public static IReadOnlyList<(Instant At, Offset Before, Offset After)> Transitions(string zoneId, int year)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var from = Instant.FromUtc(year, 1, 1, 0, 0);
        var to = Instant.FromUtc(year + 1, 1, 1, 0, 0);
        var intervals = zone.GetZoneIntervals(from, to).ToList();
        return intervals.Zip(intervals.Skip(1))
            .Where(pair => pair.First.WallOffset != pair.Second.WallOffset)
            .Select(pair => (pair.Second.Start, pair.First.WallOffset, pair.Second.WallOffset))
            .ToList();
    }

    public static IReadOnlyList<string> People(this IReadOnlyList<OnCallTier> tiers, int tier) =>
        tiers.SingleOrDefault(t => t.Tier == tier)?.PersonIds ?? [];
}
