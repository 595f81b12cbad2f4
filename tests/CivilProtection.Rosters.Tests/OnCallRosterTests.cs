using System.Text.Json;
using System.Text.Json.Serialization;
using CivilProtection.Domain.Rosters;
using static CivilProtection.Rosters.Tests.Build;

namespace CivilProtection.Rosters.Tests;

public sealed class OnCallRosterTests
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Overlapping_shifts_at_the_same_tier_list_every_person_in_roster_order()
    {
        var roster = Roster(Paris,
            Shift("julien", 1, Local(2026, 6, 1, 8), Local(2026, 6, 1, 20)),
            Shift("isabelle", 1, Local(2026, 6, 1, 12), Local(2026, 6, 1, 22)));

        var onCall = roster.OnCallAt(Utc(2026, 6, 1, 13)); // 15:00 in Paris (UTC+2)

        var tier = Assert.Single(onCall);
        Assert.Equal(1, tier.Tier);
        Assert.Equal(["julien", "isabelle"], tier.PersonIds);
    }

    [Fact]
    public void Tiers_come_lowest_first_whatever_the_order_of_the_shifts()
    {
        var roster = Roster(Paris,
            Shift("thomas", 3, Local(2026, 6, 1, 0), Local(2026, 6, 2, 0)),
            Shift("isabelle", 2, Local(2026, 6, 1, 0), Local(2026, 6, 2, 0)),
            Shift("julien", 1, Local(2026, 6, 1, 0), Local(2026, 6, 2, 0)));

        var onCall = roster.OnCallAt(Utc(2026, 6, 1, 10));

        Assert.Equal([1, 2, 3], onCall.Select(t => t.Tier));
        Assert.Equal(["julien"], onCall.People(1));
        Assert.Equal(["isabelle"], onCall.People(2));
        Assert.Equal(["thomas"], onCall.People(3));
    }

    [Fact]
    public void Nobody_on_call_is_an_empty_list()
    {
        var roster = Roster(Paris, Shift("julien", 1, Local(2026, 6, 1, 8), Local(2026, 6, 1, 20)));

        Assert.Empty(roster.OnCallAt(Utc(2026, 6, 2, 10)));
        Assert.Empty(Roster(Paris).OnCallAt(Utc(2026, 6, 2, 10)));
    }

    [Fact]
    public void A_shift_covers_its_start_but_not_its_end()
    {
        var roster = Roster(Paris, Shift("julien", 1, Local(2026, 6, 1, 8), Local(2026, 6, 1, 20)));

        Assert.Empty(roster.OnCallAt(Utc(2026, 6, 1, 6).AddTicks(-1)));
        Assert.Equal(["julien"], roster.OnCallAt(Utc(2026, 6, 1, 6)).People(1));
        Assert.Equal(["julien"], roster.OnCallAt(Utc(2026, 6, 1, 18).AddTicks(-1)).People(1));
        Assert.Empty(roster.OnCallAt(Utc(2026, 6, 1, 18)));
    }

    [Fact]
    public void Someone_on_call_at_two_tiers_is_listed_only_at_the_lower_so_escalation_moves_on_to_someone_else()
    {
        var roster = Roster(Paris,
            Shift("julien", 2, Local(2026, 6, 1, 0), Local(2026, 6, 2, 0)),
            Shift("julien", 1, Local(2026, 6, 1, 0), Local(2026, 6, 2, 0)),
            Shift("isabelle", 2, Local(2026, 6, 1, 0), Local(2026, 6, 2, 0)));

        var onCall = roster.OnCallAt(Utc(2026, 6, 1, 10));

        Assert.Equal(["julien"], onCall.People(1));
        Assert.Equal(["isabelle"], onCall.People(2));
    }

    [Fact]
    public void A_shift_that_ends_before_it_starts_is_refused()
    {
        var refused = Assert.Throws<RosterRejectedException>(() => Roster(Paris,
            Shift("julien", 1, Local(2026, 6, 1, 8), Local(2026, 6, 1, 20)),
            Shift("isabelle", 1, Local(2026, 6, 1, 20), Local(2026, 6, 1, 8))));

        var problem = Assert.Single(refused.Problems);
        Assert.Equal("shifts[1].end", problem.Field);
    }

    [Fact]
    public void A_shift_that_ends_when_it_starts_is_refused()
    {
        var refused = Assert.Throws<RosterRejectedException>(() => Roster(Paris, Shift("julien", 1, Local(2026, 6, 1, 8), Local(2026, 6, 1, 8))));

        Assert.Equal("shifts[0].end", Assert.Single(refused.Problems).Field);
    }

    [Fact]
    public void Every_problem_of_a_roster_is_listed_at_once()
    {
        var refused = Assert.Throws<RosterRejectedException>(() => new OnCallRoster("MA-DGPC", "Validation!", "Mars/Olympus", [
            Shift("who?", 0, Local(2026, 6, 1, 8), Local(2026, 7, 15, 8)),
        ]));

        Assert.Equal(
            ["team", "timeZone", "shifts[0].personId", "shifts[0].tier", "shifts[0].end"],
            refused.Problems.Select(p => p.Field));
    }

    [Fact]
    public void An_unknown_time_zone_is_refused_and_zones_come_from_the_embedded_tzdb()
    {
        Assert.Throws<RosterRejectedException>(() => Roster("Europe/Atlantis"));
        Assert.Same(NodaTime.DateTimeZoneProviders.Tzdb[Casablanca], Roster(Casablanca).Zone);
        Assert.Null(RosterTime.FindZone("europe/paris")); // tzdb ids are case-sensitive
    }

    [Theory]
    [InlineData("web")]
    [InlineData("storage")]
    public void A_roster_survives_a_trip_through_json_with_local_times_written_without_offset(string options)
    {
        var json = options == "web"
            ? new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) } }
            : new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        var roster = new OnCallRoster("MA-DGPC", "operations", Casablanca, [
            Shift("ma-duty", 1, Local(2026, 2, 14, 20), Local(2026, 2, 15, 8)),
            Shift("ma-coordinator", 2, Local(2026, 2, 14, 20), Local(2026, 2, 15, 8)),
        ]);

        var text = JsonSerializer.Serialize(roster, json);
        var back = JsonSerializer.Deserialize<OnCallRoster>(text, json)!;

        Assert.Contains("\"start\":\"2026-02-14T20:00:00\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("zone\"", text, StringComparison.Ordinal);
        Assert.Equal(roster, back);
        Assert.Equal(roster.OnCallAt(Utc(2026, 2, 15, 1)), back.OnCallAt(Utc(2026, 2, 15, 1)), new TierComparer());
    }

    [Fact]
    public void A_stored_roster_that_breaks_the_rules_does_not_load()
    {
        const string text = """{"authorityId":"MA-DGPC","team":"operations","timeZone":"Africa/Casablanca","shifts":[{"personId":"a","tier":1,"start":"2026-02-15T08:00:00","end":"2026-02-14T08:00:00"}]}""";

        Assert.Throws<RosterRejectedException>(() => JsonSerializer.Deserialize<OnCallRoster>(text, WebJson));
    }

    private sealed class TierComparer : IEqualityComparer<OnCallTier>
    {
        public bool Equals(OnCallTier? x, OnCallTier? y) => x!.Tier == y!.Tier && x.PersonIds.SequenceEqual(y.PersonIds);

        public int GetHashCode(OnCallTier obj) => obj.Tier;
    }
}
