using System.Net;
using System.Text.Json.Nodes;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>Each authority's own team compositions over real HTTP: who may set them, bad input, stale versions, retries.</summary>
public abstract class CompositionTests<THost>(HostFixture<THost> fixture) where THost : IHostKind
{
    [Fact]
    public async Task An_admin_sets_their_authority_s_composition_and_only_that_authority_sees_it()
    {
        using var saved = await PutAsync("fr-admin", "HCP", Roles(("team-leader", 1), ("pump-operator", 6)));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var view = JsonNode.Parse(await saved.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("FR-DGSCGC", (string)view["authorityId"]!);
        Assert.False((bool)view["composition"]!["example"]!);
        Assert.Equal(saved.Headers.ETag?.ToString(), (string)view["version"]!);

        var french = await CatalogueAsync("fr-duty");
        Assert.Equal(6, (int)french["ownCompositions"]!["HCP"]!["composition"]!["roles"]![1]!["count"]!);
        var moroccan = await CatalogueAsync("ma-duty");
        Assert.Null(moroccan["ownCompositions"]!["HCP"]);
        // The data file's example stays as it was.
        Assert.True((bool)french["entries"]!.AsArray().OfType<JsonObject>().Single(e => (string)e["code"]! == "HCP")["composition"]!["example"]!);
    }

    [Fact]
    public async Task Only_admins_set_compositions()
    {
        foreach (var user in new[] { "fr-duty", "fr-coordinator", "fr-approver" })
        {
            using var refused = await PutAsync(user, "WP", Roles(("team-leader", 1)));
            await Api.ProblemAsync(refused, HttpStatusCode.Forbidden);
        }
        using var anonymous = await PutAsync(null, "WP", Roles(("team-leader", 1)));
        await Api.ProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.Null((await CatalogueAsync("fr-admin"))["ownCompositions"]!["WP"]);
    }

    [Fact]
    public async Task Bad_input_names_every_bad_field_and_stores_nothing()
    {
        var body = new JsonObject
        {
            ["roles"] = new JsonArray
            {
                new JsonObject { ["role"] = "Team Leader", ["count"] = 1 },
                new JsonObject { ["role"] = "rescuer", ["count"] = 0 },
                new JsonObject { ["role"] = "rescuer", ["count"] = 2 },
            },
        };
        using var invalid = await PutAsync("ma-admin", "MUSAR", body);
        var problem = await Api.ProblemAsync(invalid, HttpStatusCode.BadRequest);
        Assert.Equal(["roles[0].role", "roles[1].count", "roles[2].role"], problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));

        using var item = await PutAsync("ma-admin", "GENERATOR", Roles(("driver", 1)));
        Assert.Equal(["code"], (await Api.ProblemAsync(item, HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key));
        using var unknown = await PutAsync("ma-admin", "NOT-A-TYPE", Roles(("driver", 1)));
        await Api.ProblemAsync(unknown, HttpStatusCode.NotFound);
        using var empty = await PutAsync("ma-admin", "MUSAR", new JsonObject());
        Assert.Equal(["roles"], (await Api.ProblemAsync(empty, HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key));

        var own = (await CatalogueAsync("ma-admin"))["ownCompositions"]!.AsObject();
        Assert.Null(own["MUSAR"]);
        Assert.Null(own["GENERATOR"]);
    }

    [Fact]
    public async Task A_retry_is_harmless_and_a_change_from_a_stale_version_is_a_409()
    {
        using var first = await PutAsync("ma-admin", "FRB", Roles(("team-leader", 1), ("boat-operator", 8)));
        var version = first.Headers.ETag!.ToString();

        using var retry = await PutAsync("ma-admin", "FRB", Roles(("team-leader", 1), ("boat-operator", 8)));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(version, retry.Headers.ETag!.ToString());

        using var blind = await PutAsync("ma-admin", "FRB", Roles(("team-leader", 1), ("boat-operator", 9)));
        await Api.ProblemAsync(blind, HttpStatusCode.Conflict);

        using var second = await PutAsync("ma-admin", "FRB", Roles(("team-leader", 1), ("boat-operator", 10)), ifMatch: version);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var stale = await PutAsync("ma-admin", "FRB", Roles(("team-leader", 2), ("boat-operator", 10)), ifMatch: version);
        await Api.ProblemAsync(stale, HttpStatusCode.Conflict);

        var roles = (await CatalogueAsync("ma-admin"))["ownCompositions"]!["FRB"]!["composition"]!["roles"]!.AsArray();
        Assert.Equal([1, 10], roles.Select(r => (int)r!["count"]!));
    }

    private static JsonObject Roles(params (string Role, int Count)[] roles) =>
        new() { ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)new JsonObject { ["role"] = r.Role, ["count"] = r.Count })]) };

    private Task<HttpResponseMessage> PutAsync(string? user, string code, JsonObject body, string? ifMatch = null) =>
        fixture.As(user).PutJsonAsync($"/api/catalogue/compositions/{code}", body, ifMatch);

    private Task<JsonObject> CatalogueAsync(string user) => fixture.As(user).CatalogueAsync();
}

public sealed class CompositionTestsOnLocalHost(HostFixture<OnLocalHost> fixture) : CompositionTests<OnLocalHost>(fixture), IClassFixture<HostFixture<OnLocalHost>>;

public sealed class CompositionTestsOnFunctionsApp(HostFixture<OnFunctionsApp> fixture) : CompositionTests<OnFunctionsApp>(fixture), IClassFixture<HostFixture<OnFunctionsApp>>;
