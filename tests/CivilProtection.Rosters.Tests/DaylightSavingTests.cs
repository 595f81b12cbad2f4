using CivilProtection.Domain.Rosters;
using NodaTime;
using static CivilProtection.Rosters.Tests.Build;

namespace CivilProtection.Rosters.Tests;

/// <summary>
/// A night shift written 22:00 → 06:00 in local time across each change of offset of 2026: it lasts 8 hours of
/// wall clock, but 7 real hours when clocks go forward and 9 when they go back, and covers the instants around
/// the change. The changes are looked up in NodaTime's tzdb, not written here.
/// </summary>
public sealed class DaylightSavingTests
{
    [Fact]
    public void Paris_springs_forward_on_the_last_Sunday_of_March_and_a_night_shift_across_it_lasts_seven_hours()
    {
        var change = Transitions(Paris, 2026).Single(t => t.After > t.Before);
        var local = change.At.InZone(DateTimeZoneProviders.Tzdb[Paris]);
        Assert.Equal(LastSunday(2026, 3), local.Date);
        Assert.Equal(new LocalTime(3, 0), local.TimeOfDay); // 02:00 → 03:00

        AssertNightShiftAcross(Paris, change, expectedHours: 7);
    }

    [Fact]
    public void Paris_falls_back_on_the_last_Sunday_of_October_and_a_night_shift_across_it_lasts_nine_hours()
    {
        var change = Transitions(Paris, 2026).Single(t => t.After < t.Before);
        var local = change.At.InZone(DateTimeZoneProviders.Tzdb[Paris]);
        Assert.Equal(LastSunday(2026, 10), local.Date);
        Assert.Equal(new LocalTime(2, 0), local.TimeOfDay); // 03:00 → 02:00

        AssertNightShiftAcross(Paris, change, expectedHours: 9);
    }

    [Fact]
    public void Casablanca_goes_to_UTC_for_Ramadan_2026_and_a_night_shift_across_the_change_lasts_nine_hours()
    {
        var (start, _) = RamadanInterval(2026);

        Assert.Equal(Offset.FromHours(1), start.Before);
        Assert.Equal(Offset.Zero, start.After);
        AssertNightShiftAcross(Casablanca, start, expectedHours: 9);
    }

    [Fact]
    public void Casablanca_returns_to_UTC_plus_one_after_Ramadan_2026_and_a_night_shift_across_the_change_lasts_seven_hours()
    {
        var (_, end) = RamadanInterval(2026);

        Assert.Equal(Offset.Zero, end.Before);
        Assert.Equal(Offset.FromHours(1), end.After);
        AssertNightShiftAcross(Casablanca, end, expectedHours: 7);
    }

    [Fact]
    public void A_shift_starting_in_the_hour_skipped_in_spring_starts_when_that_hour_would_have_ended()
    {
        // 02:30 does not exist in Paris on 2026-03-29: the start moves forward by the gap, to 03:30 (01:30 UTC).
        var roster = Roster(Paris, Shift("julien", 1, Local(2026, 3, 29, 2, 30), Local(2026, 3, 29, 8)));

        var (start, end) = roster.IntervalOf(0);

        Assert.Equal(Utc(2026, 3, 29, 1, 30), start);
        Assert.Equal(Utc(2026, 3, 29, 6), end);
        Assert.Empty(roster.OnCallAt(Utc(2026, 3, 29, 1, 29)));
        Assert.Equal(["julien"], roster.OnCallAt(Utc(2026, 3, 29, 1, 30)).People(1));
    }

    [Fact]
    public void A_time_repeated_in_autumn_means_its_earlier_instant()
    {
        // 02:30 happens twice in Paris on 2026-10-25 (at 00:30 and 01:30 UTC): the earlier one is taken.
        var roster = Roster(Paris, Shift("julien", 1, Local(2026, 10, 25, 2, 30), Local(2026, 10, 25, 8)));

        Assert.Equal(Utc(2026, 10, 25, 0, 30), roster.IntervalOf(0).Start);
    }

    [Theory]
    [InlineData(2026, 3, 29, 2, 30)] // in the spring gap
    [InlineData(2026, 10, 25, 2, 30)] // in the autumn overlap
    public void Back_to_back_shifts_meet_without_a_hole_even_at_a_time_that_is_skipped_or_repeated(int year, int month, int day, int hour, int minute)
    {
        var handover = Local(year, month, day, hour, minute);
        var roster = Roster(Paris,
            Shift("julien", 1, handover.PlusHours(-6), handover),
            Shift("isabelle", 1, handover, handover.PlusHours(6)));

        Assert.Equal(roster.IntervalOf(0).End, roster.IntervalOf(1).Start);
        var meeting = roster.IntervalOf(1).Start;
        Assert.Equal(["julien"], roster.OnCallAt(meeting.AddTicks(-1)).People(1));
        Assert.Equal(["isabelle"], roster.OnCallAt(meeting).People(1));
    }

    // Morocco leaves UTC+1 for UTC+0 for Ramadan and comes back after it: the stretch of 2026 at offset zero that
    // ends with a return to UTC+1, found in the tzdb. (The tzdb NodaTime embeds may also hold a later move to
    // UTC+0 for good, which is not Ramadan's.)
    private static ((Instant At, Offset Before, Offset After) Start, (Instant At, Offset Before, Offset After) End) RamadanInterval(int year)
    {
        var transitions = Transitions(Casablanca, year);
        var (start, end) = transitions.Zip(transitions.Skip(1))
            .Single(pair => pair.First.After == Offset.Zero && pair.Second.Before == Offset.Zero && pair.Second.After == Offset.FromHours(1));
        // Ramadan 2026 runs from mid-February to mid-March; the change brackets it by about a month.
        Assert.InRange((end.At - start.At).TotalDays, 28, 40);
        Assert.InRange(start.At.InUtc().Month, 2, 3);
        return (start, end);
    }

    // The shift starts at 22:00 the evening before the change and ends at 06:00 the morning of it, in local time.
    private static void AssertNightShiftAcross(string zoneId, (Instant At, Offset Before, Offset After) change, int expectedHours)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var changeLocal = change.At.InZone(zone).LocalDateTime;
        Assert.InRange(changeLocal.Hour, 0, 5); // the change happens in the night, so 22:00 → 06:00 spans it
        var start = changeLocal.Date.PlusDays(-1).At(new LocalTime(22, 0));
        var end = changeLocal.Date.At(new LocalTime(6, 0));
        var roster = Roster(zoneId, Shift("officer", 1, start, end));

        var (startsAt, endsAt) = roster.IntervalOf(0);
        var at = change.At.ToDateTimeOffset();

        Assert.Equal(TimeSpan.FromHours(expectedHours), endsAt - startsAt);
        Assert.Equal(start.InZoneStrictly(zone).ToDateTimeOffset(), startsAt);
        Assert.Equal(end.InZoneStrictly(zone).ToDateTimeOffset(), endsAt);
        Assert.Empty(roster.OnCallAt(startsAt.AddMinutes(-1)));
        Assert.Equal(["officer"], roster.OnCallAt(startsAt).People(1));
        Assert.Equal(["officer"], roster.OnCallAt(at.AddMinutes(-1)).People(1));
        Assert.Equal(["officer"], roster.OnCallAt(at).People(1));
        Assert.Equal(["officer"], roster.OnCallAt(at.AddMinutes(1)).People(1));
        Assert.Equal(["officer"], roster.OnCallAt(endsAt.AddMinutes(-1)).People(1));
        Assert.Empty(roster.OnCallAt(endsAt));
    }

    private static LocalDate LastSunday(int year, int month)
    {
        var date = new LocalDate(year, month, 1).PlusMonths(1).PlusDays(-1);
        while (date.DayOfWeek != IsoDayOfWeek.Sunday)
        {
            date = date.PlusDays(-1);
        }
        return date;
    }
}
