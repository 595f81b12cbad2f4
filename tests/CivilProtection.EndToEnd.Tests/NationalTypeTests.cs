using System.Net;
using System.Text.Json.Nodes;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// National resource types over real HTTP: an authority's admins add their own beside the EU catalogue, everyone sees
/// them, a request names them like any type, a retired one is refused for new requests and kept by those that named it.
/// </summary>
public abstract class NationalTypeTests<THost>(HostFixture<THost> fixture) where THost : IHostKind
{
    [Fact]
    public async Task An_admin_adds_a_type_every_authority_sees_and_a_request_to_partners_asks_for_it()
    {
        var slug = Slug("drone-team");
        using var saved = await PutAsync("es-admin", slug, Type("team", "Équipe de drones", "Drone team", "فريق الطائرات المسيرة"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var view = JsonNode.Parse(await saved.Content.ReadAsStringAsync())!.AsObject();
        var code = $"ES-DGPCE.{slug}";
        Assert.Equal((code, "ES-DGPCE", "team", false), ((string)view["code"]!, (string)view["authorityId"]!, (string)view["unit"]!, (bool)view["retired"]!));
        Assert.Equal(saved.Headers.ETag?.ToString(), (string)view["version"]!);

        foreach (var user in new[] { "ma-duty", "fr-coordinator", "pt-admin" })
        {
            var listed = (await CatalogueAsync(user))["nationalTypes"]!.AsArray().OfType<JsonObject>().Single(t => (string)t["code"]! == code);
            Assert.Equal("فريق الطائرات المسيرة", (string)listed["names"]!["ar"]!);
        }

        var form = RequestSamples.FloodToPartners("ES-DGPCE");
        form["capabilities"]!.AsArray().Add(new JsonObject { ["code"] = code, ["quantity"] = 1 });
        var filed = await fixture.As("ma-duty").FileAsync(form);
        var stored = await fixture.As("ma-duty").GetRequestAsync(Api.Id(filed));
        Assert.Contains(code, stored["capabilities"]!.AsArray().Select(c => (string)c!["code"]!));
    }

    [Fact]
    public async Task A_retired_type_is_refused_for_new_requests_and_kept_by_the_requests_that_named_it()
    {
        var slug = Slug("mountain-rescue");
        using var saved = await PutAsync("pt-admin", slug, Type("team", "Secours en montagne", "Mountain rescue", "الإنقاذ في الجبال"));
        var code = $"PT-ANEPC.{slug}";
        var form = RequestSamples.FloodToPartners("PT-ANEPC");
        form["capabilities"]!.AsArray().Add(new JsonObject { ["code"] = code, ["quantity"] = 2 });
        var filed = await fixture.As("ma-duty").FileAsync(form);

        var retire = Type("team", "Secours en montagne", "Mountain rescue", "الإنقاذ في الجبال");
        retire["retired"] = true;
        using var retired = await PutAsync("pt-admin", slug, retire, ifMatch: saved.Headers.ETag!.ToString());
        Assert.True((bool)JsonNode.Parse(await retired.Content.ReadAsStringAsync())!["retired"]!);

        using var refused = await fixture.As("ma-duty").PostJsonAsync("/api/requests", form);
        var problem = await Api.ProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Equal(["capabilities[2].code"], problem["errors"]!.AsObject().Select(e => e.Key));
        var kept = await fixture.As("ma-duty").GetRequestAsync(Api.Id(filed));
        Assert.Contains(code, kept["capabilities"]!.AsArray().Select(c => (string)c!["code"]!));
        Assert.True((bool)(await CatalogueAsync("ma-duty"))["nationalTypes"]!.AsArray().OfType<JsonObject>().Single(t => (string)t["code"]! == code)["retired"]!);
    }

    [Fact]
    public async Task Only_admins_add_types_bad_input_names_every_field_and_nothing_is_stored()
    {
        var slug = Slug("pumps");
        foreach (var user in new[] { "es-coordinator", "es-duty", "ma-approver" })
        {
            using var forbidden = await PutAsync(user, slug, Type("item", "Pompes", "Pumps", "مضخات"));
            await Api.ProblemAsync(forbidden, HttpStatusCode.Forbidden);
        }
        using var anonymous = await PutAsync(null, slug, Type("item", "Pompes", "Pumps", "مضخات"));
        await Api.ProblemAsync(anonymous, HttpStatusCode.Unauthorized);

        using var invalid = await PutAsync("es-admin", "Not A Slug", new JsonObject { ["unit"] = "fleet", ["names"] = new JsonObject { ["fr"] = "" }, ["note"] = new string('n', 501) });
        var problem = await Api.ProblemAsync(invalid, HttpStatusCode.BadRequest);
        Assert.Equal(["names.ar", "names.en", "names.fr", "note", "slug", "unit"], problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));

        var codes = (await CatalogueAsync("es-admin"))["nationalTypes"]!.AsArray().Select(t => (string)t!["code"]!).ToList();
        Assert.DoesNotContain($"ES-DGPCE.{slug}", codes);
        Assert.DoesNotContain(codes, c => c.Contains("Not A Slug", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retry_is_harmless_and_a_change_from_a_stale_version_is_a_409()
    {
        var slug = Slug("field-kitchen");
        using var first = await PutAsync("fr-admin", slug, Type("item", "Cuisine de campagne", "Field kitchen", "مطبخ ميداني"));
        var version = first.Headers.ETag!.ToString();
        using var retry = await PutAsync("fr-admin", slug, Type("item", "Cuisine de campagne", "Field kitchen", "مطبخ ميداني"));
        Assert.Equal((HttpStatusCode.OK, version), (retry.StatusCode, retry.Headers.ETag!.ToString()));

        using var blind = await PutAsync("fr-admin", slug, Type("item", "Cuisine mobile", "Field kitchen", "مطبخ ميداني"));
        await Api.ProblemAsync(blind, HttpStatusCode.Conflict);
        using var second = await PutAsync("fr-admin", slug, Type("item", "Cuisine mobile", "Field kitchen", "مطبخ ميداني"), ifMatch: version);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var stale = await PutAsync("fr-admin", slug, Type("item", "Cuisine roulante", "Field kitchen", "مطبخ ميداني"), ifMatch: version);
        await Api.ProblemAsync(stale, HttpStatusCode.Conflict);

        var stored = (await CatalogueAsync("fr-duty"))["nationalTypes"]!.AsArray().OfType<JsonObject>().Single(t => (string)t["code"]! == $"FR-DGSCGC.{slug}");
        Assert.Equal("Cuisine mobile", (string)stored["names"]!["fr"]!);
    }

    private static string Slug(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..6]}";

    private static JsonObject Type(string unit, string fr, string en, string ar) =>
        new() { ["unit"] = unit, ["names"] = new JsonObject { ["fr"] = fr, ["en"] = en, ["ar"] = ar } };

    private Task<HttpResponseMessage> PutAsync(string? user, string slug, JsonObject body, string? ifMatch = null) =>
        fixture.As(user).PutJsonAsync($"/api/catalogue/national-types/{Uri.EscapeDataString(slug)}", body, ifMatch);

    private Task<JsonObject> CatalogueAsync(string user) => fixture.As(user).CatalogueAsync();
}

public sealed class NationalTypeTestsOnLocalHost(HostFixture<OnLocalHost> fixture) : NationalTypeTests<OnLocalHost>(fixture), IClassFixture<HostFixture<OnLocalHost>>;

public sealed class NationalTypeTestsOnFunctionsApp(HostFixture<OnFunctionsApp> fixture) : NationalTypeTests<OnFunctionsApp>(fixture), IClassFixture<HostFixture<OnFunctionsApp>>;
