using CivilProtection.Application.Forms;
using CivilProtection.Application.Rosters;
using CivilProtection.Domain.Requests;
using CivilProtection.Domain.Rosters;
using CivilProtection.LocalHost.Seeding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CivilProtection.Rosters.Tests;

public sealed class SeedTests(RostersHost host) : IClassFixture<RostersHost>
{
    private static readonly string[] Authorities = ["MA-DGPC", "FR-DGSCGC", "ES-DGPCE", "PT-ANEPC"];

    [Fact]
    public void Seeded_people_have_valid_unique_mobiles_known_languages_roles_and_catalogue_skills()
    {
        var people = RosterSeeder.Load().People;

        Assert.All(people, p =>
        {
            Assert.True(RequestDetailsValidator.IsE164Mobile(p.Mobile), $"{p.PersonId}: {p.Mobile} is not a valid E.164 number.");
            Assert.Contains(p.Language, Catalogue.Languages);
            Assert.All(p.Roles, r => Assert.Contains(r, PersonRules.Roles));
            Assert.All(p.Skills, s => Assert.Contains(s, Catalogue.Capabilities));
            Assert.Contains(p.AuthorityId, Authorities);
        });
        Assert.Equal(people.Count, people.Select(p => p.Mobile).Distinct().Count());
        Assert.Equal(people.Count, people.Select(p => p.PersonId).Distinct().Count());
        Assert.All(people.Where(p => p.AuthorityId == "MA-DGPC"), p => Assert.StartsWith("+2126", p.Mobile, StringComparison.Ordinal));
        Assert.All(people.Where(p => p.AuthorityId == "FR-DGSCGC"), p => Assert.StartsWith("+336", p.Mobile, StringComparison.Ordinal));
        Assert.All(people.Where(p => p.AuthorityId == "ES-DGPCE"), p => Assert.StartsWith("+346", p.Mobile, StringComparison.Ordinal));
        Assert.All(people.Where(p => p.AuthorityId == "PT-ANEPC"), p => Assert.StartsWith("+3519", p.Mobile, StringComparison.Ordinal));
        foreach (var authority in Authorities)
        {
            Assert.True(people.Count(p => p.AuthorityId == authority && p.Roles.Contains(PersonRoles.Responder)) >= 8);
            Assert.Equal(["ar", "en", "fr"], people.Where(p => p.AuthorityId == authority).Select(p => p.Language).Distinct().Order());
        }
    }

    [Fact]
    public void The_seeded_web_users_who_approve_coordinate_and_administer_are_people_too()
    {
        var people = RosterSeeder.Load().People.ToDictionary(p => p.PersonId);

        // A platform administrator belongs to no authority and is paged by no roster.
        foreach (var user in DirectorySeeder.Load().Users.Where(u => !u.Roles.Contains(Application.Identity.Roles.PlatformAdmin)))
        {
            Assert.True(people.TryGetValue(user.UserId, out var person), $"{user.UserId} is not a seeded person.");
            Assert.Equal(user.AuthorityId, person!.AuthorityId);
            Assert.Equal(user.Roles, person.Roles);
        }
    }

    [Fact]
    public async Task Every_seeded_roster_has_two_tiers_on_call_now_and_for_the_next_four_weeks()
    {
        var rosters = host.Service<IRosters>();
        var now = DateTimeOffset.UtcNow;

        foreach (var authority in Authorities)
        {
            var stored = await rosters.ListAsync(authority, CancellationToken.None);
            Assert.Equal(["acceptance", "operations", "validation"], stored.Select(r => r.Team).Order());
            foreach (var roster in stored)
            {
                for (var hours = 0; hours <= 28 * 24; hours += 5)
                {
                    var onCall = roster.OnCallAt(now.AddHours(hours));
                    Assert.True(onCall.Select(t => t.Tier).SequenceEqual([1, 2]), $"{authority} {roster.Team} at +{hours} h: tiers {string.Join(",", onCall.Select(t => t.Tier))}");
                }
            }
        }
        var validation = await rosters.FindAsync("MA-DGPC", "validation", CancellationToken.None);
        Assert.Equal(["ma-approver"], validation!.OnCallAt(now).Single(t => t.Tier == 1).PersonIds);
        var operations = await rosters.FindAsync("FR-DGSCGC", Teams.Operations, CancellationToken.None);
        Assert.Equal(["fr-duty"], operations!.OnCallAt(now).Single(t => t.Tier == 1).PersonIds);
    }

    [Fact]
    public async Task Seeding_again_changes_nothing_and_renews_a_roster_that_ran_out()
    {
        var rosters = host.Service<IVersionedRosters>();
        var people = host.Service<IPeople>();
        var before = await rosters.FindVersionedAsync("FR-DGSCGC", "acceptance", CancellationToken.None);
        var stale = new OnCallRoster("MA-DGPC", "acceptance", "Africa/Casablanca", [new RosterShift("ma-approver", 1, new(2025, 1, 1, 8, 0), new(2025, 1, 1, 20, 0))]);
        await host.Service<IRosters>().SaveAsync(stale, CancellationToken.None);

        await Seeder().StartAsync(CancellationToken.None);

        var after = await rosters.FindVersionedAsync("FR-DGSCGC", "acceptance", CancellationToken.None);
        var renewed = await rosters.FindVersionedAsync("MA-DGPC", "acceptance", CancellationToken.None);
        Assert.Equal(before!.Version, after!.Version);
        Assert.Equal(["ma-approver"], renewed!.Roster.OnCallAt(DateTimeOffset.UtcNow).Single(t => t.Tier == 1).PersonIds);
        Assert.Equal(RosterSeeder.Load().People.Count(p => p.AuthorityId == "MA-DGPC"), (await people.ListAsync("MA-DGPC", CancellationToken.None)).Count);
    }

    [Fact]
    public void Generated_shifts_alternate_day_and_night_in_the_authoritys_zone_and_meet_without_a_hole()
    {
        var plan = new RosterSeeder.RosterPlan("MA-DGPC", "operations", [new RosterSeeder.TierPlan(1, "ma-duty", "ma-duty-2")]);
        var now = new DateTimeOffset(2026, 2, 15, 12, 0, 0, TimeSpan.Zero); // the day Casablanca went to UTC for Ramadan

        var roster = RosterSeeder.Generate(plan, "Africa/Casablanca", now);

        Assert.Equal(RosterSeeder.Days * 2, roster.Shifts.Count);
        Assert.Equal(new NodaTime.LocalDateTime(2026, 2, 14, 8, 0), roster.Shifts[0].Start);
        for (var i = 1; i < roster.Shifts.Count; i++)
        {
            Assert.Equal(roster.IntervalOf(i - 1).End, roster.IntervalOf(i).Start);
        }
        Assert.Equal(["ma-duty-2"], roster.OnCallAt(new DateTimeOffset(2026, 2, 15, 1, 30, 0, TimeSpan.Zero)).Single().PersonIds);
    }

    private RosterSeeder Seeder() => new(
        host.Service<IPeople>(),
        host.Service<IRosters>(),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["CivilProtection:SeedDirectory"] = "true" }).Build(),
        TimeProvider.System,
        NullLogger<RosterSeeder>.Instance);
}
