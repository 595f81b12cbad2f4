using System.Net;
using System.Text.Json.Nodes;

namespace CivilProtection.Rosters.Tests;

public sealed class RostersApiTests(RostersHost host) : IClassFixture<RostersHost>
{
    [Theory]
    [InlineData("GET", "/api/rosters")]
    [InlineData("GET", "/api/rosters/validation")]
    [InlineData("GET", "/api/rosters/validation/on-call")]
    [InlineData("PUT", "/api/rosters/validation")]
    [InlineData("GET", "/api/people")]
    [InlineData("PUT", "/api/people/someone")]
    [InlineData("POST", "/api/people/import")]
    [InlineData("POST", "/api/rosters/validation/import")]
    public async Task Nobody_signed_in_gets_401(string method, string path)
    {
        using var anonymous = host.ClientFor(null);

        await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Everybody_signed_in_reads_their_own_authoritys_rosters_with_who_is_on_call_now()
    {
        using var duty = host.ClientFor("fr-duty");

        var rosters = (await duty.GetAsync("/api/rosters").OkJsonAsync()).AsArray();

        Assert.Equal(["validation", "acceptance", "operations"], rosters.Select(r => (string)r!["team"]!));
        Assert.All(rosters, r =>
        {
            Assert.Equal("FR-DGSCGC", (string)r!["authorityId"]!);
            Assert.Equal("Europe/Paris", (string)r["timeZone"]!);
        });
        var validation = rosters.Single(r => (string)r!["team"]! == "validation")!;
        var tiers = validation["onCallNow"]!["tiers"]!.AsArray();
        Assert.Equal([1, 2], tiers.Select(t => (int)t!["tier"]!));
        var first = tiers[0]!["people"]!.AsArray().Single()!;
        Assert.Equal("fr-approver", (string)first["personId"]!);
        Assert.Equal("Julien Moreau", (string)first["name"]!);
        Assert.Null(first["mobile"]); // numbers are for managers only
    }

    [Fact]
    public async Task One_roster_carries_its_version_as_an_ETag()
    {
        using var approver = host.ClientFor("ma-approver");

        using var response = await approver.GetAsync("/api/rosters/acceptance");
        var roster = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((string)roster["version"]!, response.Headers.ETag?.ToString());
        Assert.Equal("Africa/Casablanca", (string)roster["timeZone"]!);
        Assert.Equal(["ma-approver"], roster["onCallNow"]!["tiers"]![0]!["people"]!.AsArray().Select(p => (string)p!["personId"]!));
    }

    [Fact]
    public async Task Who_is_on_call_at_an_instant_is_answered_for_any_instant_and_a_malformed_one_is_400()
    {
        using var approver = host.ClientFor("fr-approver");
        var at = DateTimeOffset.UtcNow.AddDays(3).ToString("yyyy-MM-ddTHH:mm:ssZ");

        var onCall = await approver.GetAsync($"/api/rosters/validation/on-call?at={at}").OkJsonAsync();
        var problem = await approver.GetAsync("/api/rosters/validation/on-call?at=tomorrow").ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("fr-approver", (string)onCall["tiers"]![0]!["people"]![0]!["personId"]!);
        Assert.Equal("Europe/Paris", (string)onCall["timeZone"]!);
        Assert.Matches(@"^\+0[12]:00$", (string)onCall["offset"]!);
        Assert.Equal(["at"], problem.Fields());
    }

    [Fact]
    public async Task A_team_the_authority_does_not_have_is_404()
    {
        using var approver = host.ClientFor("ma-approver");

        await approver.GetAsync("/api/rosters/firefighters").ProblemAsync(HttpStatusCode.NotFound);
        await approver.GetAsync("/api/rosters/NOT%20A%20TEAM/on-call").ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("ma-approver")]
    [InlineData("ma-duty")]
    public async Task Only_coordinators_and_admins_replace_shifts(string userId)
    {
        using var client = host.ClientFor(userId);

        await client.PutJsonAsync("/api/rosters/operations", new { shifts = Array.Empty<object>() }).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_coordinator_replaces_the_shifts_in_local_time_and_a_shift_across_Ramadans_change_lasts_nine_hours()
    {
        using var coordinator = host.ClientFor("ma-coordinator");
        using var duty = host.ClientFor("ma-duty");

        // Casablanca leaves UTC+1 for UTC+0 at 03:00 on 2026-02-15 (tzdb): 22:00 → 06:00 is nine real hours.
        var saved = await coordinator.PutJsonAsync("/api/rosters/operations", new
        {
            shifts = new object[]
            {
                new { personId = "ma-duty", tier = 1, start = "2026-02-14T22:00", end = "2026-02-15T06:00" },
                new { personId = "ma-duty-2", tier = 2, start = "2026-02-14T22:00", end = "2026-02-15T06:00" },
                new { personId = "ma-coordinator", tier = 2, start = "2026-02-14T22:00", end = "2026-02-15T06:00" },
            },
        }).OkJsonAsync();
        var onCall = await duty.GetAsync("/api/rosters/operations/on-call?at=2026-02-15T02:30:00Z").OkJsonAsync();

        var shift = saved["shifts"]![0]!;
        Assert.Equal("2026-02-14T22:00:00", (string)shift["start"]!);
        Assert.Equal(DateTimeOffset.Parse("2026-02-14T21:00:00Z"), (DateTimeOffset)shift["startsAt"]!);
        Assert.Equal(DateTimeOffset.Parse("2026-02-15T06:00:00Z"), (DateTimeOffset)shift["endsAt"]!);
        Assert.Equal(["ma-duty"], onCall["tiers"]![0]!["people"]!.AsArray().Select(p => (string)p!["personId"]!));
        Assert.Equal(["ma-duty-2", "ma-coordinator"], onCall["tiers"]![1]!["people"]!.AsArray().Select(p => (string)p!["personId"]!));
        Assert.Equal("2026-02-15T02:30:00", (string)onCall["localTime"]!);
        Assert.Equal("+00:00", (string)onCall["offset"]!);
    }

    [Fact]
    public async Task Bad_shifts_are_refused_with_every_field_named_and_nothing_changes()
    {
        using var admin = host.ClientFor("ma-admin");
        var before = await admin.GetAsync("/api/rosters/validation").OkJsonAsync();

        var problem = await admin.PutJsonAsync("/api/rosters/validation", new
        {
            shifts = new object[]
            {
                new { personId = "ma-approver", tier = 1, start = "2026-06-01T20:00", end = "2026-06-01T08:00" },
                new { personId = "fr-approver", tier = 1, start = "2026-06-01T08:00", end = "2026-06-01T20:00" },
                new { personId = "ma-approver", tier = 0, start = "2026-06-01T08:00", end = "2026-06-01T20:00" },
                new { personId = "ma-approver", tier = 1, start = "tomorrow", end = "2026-06-01T20:00" },
            },
        }).ProblemAsync(HttpStatusCode.BadRequest);
        var after = await admin.GetAsync("/api/rosters/validation").OkJsonAsync();

        Assert.Equal(["shifts[0].end", "shifts[1].personId", "shifts[2].tier", "shifts[3].start"], problem.Fields());
        Assert.Equal((string)before["version"]!, (string)after["version"]!);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_field_error()
    {
        using var admin = host.ClientFor("ma-admin");

        var problem = await admin.PutAsync("/api/rosters/validation",
            new StringContent("""{"shifts":[{"personId":"ma-approver","tier":"first","start":"2026-06-01T08:00","end":"2026-06-01T20:00"}]}""", System.Text.Encoding.UTF8, "application/json"))
            .ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["shifts[0].tier"], problem.Fields());
    }

    [Fact]
    public async Task A_replacement_made_from_a_version_that_changed_since_is_409()
    {
        using var coordinator = host.ClientFor("ma-coordinator");
        var version = (string)(await coordinator.GetAsync("/api/rosters/acceptance").OkJsonAsync())["version"]!;
        var body = new { version, shifts = new object[] { new { personId = "ma-approver", tier = 1, start = "2026-07-01T08:00", end = "2026-07-01T20:00" } } };

        await coordinator.PutJsonAsync("/api/rosters/acceptance", body).OkJsonAsync();
        await coordinator.PutJsonAsync("/api/rosters/acceptance", body).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Of_two_coordinators_replacing_the_same_version_at_once_one_wins_and_the_other_gets_409()
    {
        using var karim = host.ClientFor("ma-coordinator");
        using var nadia = host.ClientFor("ma-admin");
        var version = (string)(await karim.GetAsync("/api/rosters/validation").OkJsonAsync())["version"]!;

        var responses = await Task.WhenAll(
            karim.PutJsonAsync("/api/rosters/validation", new { version, shifts = new object[] { new { personId = "ma-approver", tier = 1, start = "2026-08-01T08:00", end = "2026-08-01T20:00" } } }),
            nadia.PutJsonAsync("/api/rosters/validation", new { version, shifts = new object[] { new { personId = "ma-approver-2", tier = 1, start = "2026-08-01T08:00", end = "2026-08-01T20:00" } } }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
        var stored = await karim.GetAsync("/api/rosters/validation").OkJsonAsync();
        Assert.Equal(winner.Headers.ETag?.ToString(), (string)stored["version"]!);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Rosters_are_only_ever_the_callers_authoritys()
    {
        using var french = host.ClientFor("fr-coordinator");

        var rosters = (await french.GetAsync("/api/rosters").OkJsonAsync()).AsArray();
        var people = (await french.GetAsync("/api/people").OkJsonAsync()).AsArray();

        Assert.All(rosters, r => Assert.Equal("FR-DGSCGC", (string)r!["authorityId"]!));
        Assert.All(people, p => Assert.Equal("FR-DGSCGC", (string)p!["authorityId"]!));
        Assert.All(rosters.SelectMany(r => r!["shifts"]!.AsArray()), s => Assert.StartsWith("fr-", (string)s!["personId"]!, StringComparison.Ordinal));
    }
}
