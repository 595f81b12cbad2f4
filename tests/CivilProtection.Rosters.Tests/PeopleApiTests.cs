using System.Net;
using CivilProtection.Application.Rosters;

namespace CivilProtection.Rosters.Tests;

public sealed class PeopleApiTests(RostersHost host) : IClassFixture<RostersHost>
{
    private static object Person(string name = "Leila Haddaoui", string mobile = "+212661009901", string language = "ar", string[]? roles = null, string[]? skills = null) =>
        new { name, mobile, language, roles = roles ?? ["responder"], skills = skills ?? ["shelter", "water-purification"] };

    [Theory]
    [InlineData("ma-approver")]
    [InlineData("ma-duty")]
    public async Task Only_coordinators_and_admins_list_and_change_people(string userId)
    {
        using var client = host.ClientFor(userId);

        await client.GetAsync("/api/people").ProblemAsync(HttpStatusCode.Forbidden);
        await client.PutJsonAsync("/api/people/ma-new", Person()).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Null(await host.Service<IPeople>().FindAsync("ma-new", CancellationToken.None));
    }

    [Fact]
    public async Task A_coordinator_lists_the_people_of_their_authority_with_their_numbers_and_skills()
    {
        using var coordinator = host.ClientFor("ma-coordinator");

        var people = (await coordinator.GetAsync("/api/people").OkJsonAsync()).AsArray();

        Assert.All(people, p => Assert.Equal("MA-DGPC", (string)p!["authorityId"]!));
        var salma = people.Single(p => (string)p!["personId"]! == "ma-approver")!;
        Assert.Equal("+212661000102", (string)salma["mobile"]!);
        Assert.True(people.Count(p => p!["roles"]!.AsArray().Any(r => (string)r! == "responder")) >= 8);
    }

    [Fact]
    public async Task A_coordinator_adds_a_person_who_is_then_found_by_their_mobile()
    {
        using var coordinator = host.ClientFor("ma-coordinator");

        var saved = await coordinator.PutJsonAsync("/api/people/ma-resp-20", Person(mobile: "+212661009920")).OkJsonAsync();
        var found = await host.Service<IPeople>().FindByMobileAsync("+212661009920", CancellationToken.None);

        Assert.Equal("ma-resp-20", (string)saved["personId"]!);
        Assert.Equal("MA-DGPC", (string)saved["authorityId"]!);
        Assert.Equal("ma-resp-20", found?.PersonId);
        Assert.Equal(["shelter", "water-purification"], found!.Skills);
    }

    [Fact]
    public async Task A_responders_roles_in_a_team_are_kept_the_catalogues_or_the_authoritys_own()
    {
        using var admin = host.ClientFor("ma-admin");
        var person = new
        {
            name = "Amine Pompe", mobile = "+212661009931", language = "ar", roles = new[] { "responder" }, skills = new[] { "HCP" },
            teamRoles = new[] { "pump-operator", "chef-de-pompe", "pump-operator" },
        };

        var saved = await admin.PutJsonAsync("/api/people/ma-resp-31", person).OkJsonAsync();

        Assert.Equal(["pump-operator", "chef-de-pompe"], saved["teamRoles"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(["pump-operator", "chef-de-pompe"], (await host.Service<IPeople>().FindAsync("ma-resp-31", CancellationToken.None))!.TeamRoles);
    }

    [Fact]
    public async Task Every_bad_field_is_listed_and_nothing_is_stored()
    {
        using var admin = host.ClientFor("ma-admin");

        var problem = await admin.PutJsonAsync("/api/people/ma-bad", new
        {
            name = "  ",
            mobile = "0612345678",
            language = "de",
            authorityId = "FR-DGSCGC",
            roles = new[] { "pilot" },
            skills = new[] { "swimming" },
            teamRoles = new[] { "pump-operator", "Chef d'équipe" },
        }).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["authorityId", "language", "mobile", "name", "roles[0]", "skills[0]", "teamRoles[1]"], problem.Fields());
        Assert.Null(await host.Service<IPeople>().FindAsync("ma-bad", CancellationToken.None));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("slash%2Fin")]
    public async Task A_malformed_person_id_is_a_field_error(string personId)
    {
        using var admin = host.ClientFor("ma-admin");

        var problem = await admin.PutJsonAsync($"/api/people/{personId}", Person(mobile: "+212661009930")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["personId"], problem.Fields());
    }

    [Fact]
    public async Task A_mobile_number_belongs_to_one_person()
    {
        using var coordinator = host.ClientFor("ma-coordinator");

        var problem = await coordinator.PutJsonAsync("/api/people/ma-resp-21", Person(mobile: "+212661000102")).ProblemAsync(HttpStatusCode.BadRequest);
        var french = await coordinator.PutJsonAsync("/api/people/ma-resp-21", Person(mobile: "+33612000102")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["mobile"], problem.Fields());
        Assert.Contains("Salma Benali", problem["errors"]!["mobile"]![0]!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Julien", french["errors"]!["mobile"]![0]!.ToString(), StringComparison.Ordinal); // not another authority's names
        Assert.Null(await host.Service<IPeople>().FindAsync("ma-resp-21", CancellationToken.None));
    }

    [Fact]
    public async Task Changing_a_number_frees_the_old_one_for_someone_else()
    {
        using var coordinator = host.ClientFor("ma-coordinator");
        var people = host.Service<IPeople>();

        await coordinator.PutJsonAsync("/api/people/ma-resp-22", Person(mobile: "+212661009922")).OkJsonAsync();
        await coordinator.PutJsonAsync("/api/people/ma-resp-22", Person(mobile: "+212661009923")).OkJsonAsync();
        await coordinator.PutJsonAsync("/api/people/ma-resp-23", Person(mobile: "+212661009922")).OkJsonAsync();

        Assert.Equal("ma-resp-22", (await people.FindByMobileAsync("+212661009923", CancellationToken.None))?.PersonId);
        Assert.Equal("ma-resp-23", (await people.FindByMobileAsync("+212661009922", CancellationToken.None))?.PersonId);
    }

    [Fact]
    public async Task Another_authoritys_person_cannot_be_changed()
    {
        using var french = host.ClientFor("fr-coordinator");

        await french.PutJsonAsync("/api/people/ma-approver", Person(mobile: "+33612009999", language: "fr")).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("MA-DGPC", (await host.Service<IPeople>().FindAsync("ma-approver", CancellationToken.None))?.AuthorityId);
    }

    [Fact]
    public async Task A_person_is_sent_as_json_only()
    {
        using var admin = host.ClientFor("ma-admin");

        await admin.PutAsync("/api/people/ma-resp-24", new StringContent("name=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"))
            .ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}
