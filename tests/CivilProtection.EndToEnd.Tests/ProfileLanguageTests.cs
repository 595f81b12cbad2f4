using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CivilProtection.Application.Rosters;
using CivilProtection.Domain.Rosters;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// The language on a signed-in person's profile (<c>GET /api/me</c>, <c>PUT /api/me/language</c>), on each host: it is
/// the language of their SMS, which they may set themselves, for themselves only; a bad value is a problem naming the
/// field and changes nothing.
/// </summary>
public abstract class ProfileLanguageTests<THost>(HostFixture<THost> fixture) where THost : IHostKind
{
    [Fact]
    public async Task A_person_reads_and_sets_their_own_language_and_only_it_changes_on_their_profile()
    {
        var me = await fixture.As("fr-duty").GetFromJsonAsync<JsonObject>("/api/me");
        Assert.Equal("fr", (string?)me!["language"]);
        var before = await StoredAsync("fr-duty", "FR-DGSCGC");

        using var changed = await fixture.As("fr-duty").PutJsonAsync("/api/me/language", new JsonObject { ["language"] = "ar" });
        await Api.ExpectAsync(changed, HttpStatusCode.OK);
        Assert.Equal("ar", (string?)(await changed.Content.ReadFromJsonAsync<JsonObject>())!["language"]);

        Assert.Equal("ar", (string?)(await fixture.As("fr-duty").GetFromJsonAsync<JsonObject>("/api/me"))!["language"]);
        var after = await StoredAsync("fr-duty", "FR-DGSCGC");
        // The SMS language is the profile's; the rest of the record is as it was.
        Assert.Equal("ar", after.Language);
        Assert.Equal((before.Name, before.Mobile, before.AuthorityId), (after.Name, after.Mobile, after.AuthorityId));
        Assert.Equal(before.Roles, after.Roles);
        Assert.Equal(before.Skills, after.Skills);
        Assert.Equal(before.TeamRoles, after.TeamRoles);

        // The same again changes nothing and answers the same.
        using var again = await fixture.As("fr-duty").PutJsonAsync("/api/me/language", new JsonObject { ["language"] = "ar" });
        await Api.ExpectAsync(again, HttpStatusCode.OK);
        // Another person's profile is untouched.
        Assert.Equal("fr", (string?)(await fixture.As("fr-approver").GetFromJsonAsync<JsonObject>("/api/me"))!["language"]);
    }

    [Theory]
    [InlineData("{\"language\":\"de\"}")]
    [InlineData("{\"language\":null}")]
    [InlineData("{}")]
    [InlineData("{\"language\":2}")]
    public async Task A_language_we_do_not_speak_is_a_problem_naming_the_field_and_changes_nothing(string body)
    {
        using var refused = await fixture.As("fr-coordinator").PutJsonAsync("/api/me/language", JsonNode.Parse(body)!);
        var problem = await Api.ProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]?["language"] is not null, problem.ToJsonString());
        Assert.Equal("fr", (await StoredAsync("fr-coordinator", "FR-DGSCGC")).Language);
    }

    [Fact]
    public async Task Someone_not_in_their_authority_s_people_has_no_profile_even_where_their_id_names_someone_elsewhere()
    {
        Assert.Null((await fixture.As("platform-admin").GetFromJsonAsync<JsonObject>("/api/me"))!["language"]);
        using (var none = await fixture.As("platform-admin").PutJsonAsync("/api/me/language", new JsonObject { ["language"] = "en" }))
        {
            await Api.ProblemAsync(none, HttpStatusCode.NotFound);
        }

        // ma-acceptor is a web user of MA-DGPC; a person of Spain happens to carry the same id.
        var spaniard = new Person("ma-acceptor", "Lucía Ortega", "+34612009377", "fr", "ES-DGPCE", ["responder"], []);
        await fixture.Host.Service<IPeople>().SaveAsync(spaniard, CancellationToken.None);
        Assert.Null((await fixture.As("ma-acceptor").GetFromJsonAsync<JsonObject>("/api/me"))!["language"]);
        using (var elsewhere = await fixture.As("ma-acceptor").PutJsonAsync("/api/me/language", new JsonObject { ["language"] = "ar" }))
        {
            await Api.ProblemAsync(elsewhere, HttpStatusCode.NotFound);
        }
        Assert.Equal("fr", (await StoredAsync("ma-acceptor", "ES-DGPCE")).Language);
    }

    // As stored now: a list is read from the table, where a read by id may come from the test's own 30-second cache
    // (the Functions app's services run in a composition of their own in the test's process).
    private async Task<Person> StoredAsync(string personId, string authorityId) =>
        (await fixture.Host.Service<IPeople>().ListAsync(authorityId, CancellationToken.None)).Single(p => p.PersonId == personId);

    [Fact]
    public async Task Nobody_signed_in_sets_nothing()
    {
        using var anonymous = await fixture.As(null).PutJsonAsync("/api/me/language", new JsonObject { ["language"] = "en" });
        await Api.ProblemAsync(anonymous, HttpStatusCode.Unauthorized);
    }
}

public sealed class ProfileLanguageTestsOnLocalHost(HostFixture<OnLocalHost> fixture) : ProfileLanguageTests<OnLocalHost>(fixture), IClassFixture<HostFixture<OnLocalHost>>;

public sealed class ProfileLanguageTestsOnFunctionsApp(HostFixture<OnFunctionsApp> fixture) : ProfileLanguageTests<OnFunctionsApp>(fixture), IClassFixture<HostFixture<OnFunctionsApp>>;
