using System.Net;
using System.Text.Json.Nodes;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>The capability catalogue over real HTTP: its versions, and a request filed with the current one carried to dispatch.</summary>
public abstract class CatalogueTests<THost>(HostFixture<THost> fixture) where THost : IHostKind
{
    [Fact]
    public async Task The_catalogue_serves_the_current_version_with_names_units_and_example_compositions()
    {
        using var response = await fixture.As("ma-duty").GetAsync("/api/catalogue");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var catalogue = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("eu-2025-704/1", (string)catalogue["version"]!);
        Assert.Contains("(EU) 2025/704", (string)catalogue["source"]!, StringComparison.Ordinal);
        Assert.Equal(["legacy-1", "eu-2025-704/1"], catalogue["versions"]!.AsArray().Select(v => (string)v!));
        var hcp = catalogue["entries"]!.AsArray().OfType<JsonObject>().Single(e => (string)e["code"]! == "HCP");
        Assert.Equal("module", (string)hcp["unit"]!);
        Assert.Equal("Pompage de grande capacité", (string)hcp["names"]!["fr"]!);
        Assert.Equal("الضخ عالي القدرة", (string)hcp["names"]!["ar"]!);
        Assert.True((bool)hcp["composition"]!["example"]!);
        Assert.NotEmpty(hcp["composition"]!["roles"]!.AsArray());
        Assert.Equal(["high-capacity-pumping"], hcp["legacyCodes"]!.AsArray().Select(c => (string)c!));
        // What the pages read before versions is still there.
        Assert.Contains("high-capacity-pumping", catalogue["capabilities"]!.AsArray().Select(c => (string)c!));
        Assert.Contains("flood", catalogue["incidentTypes"]!.AsArray().Select(c => (string)c!));
    }

    [Fact]
    public async Task An_older_version_is_served_by_name_and_an_unknown_one_is_a_404_problem()
    {
        using var legacy = await fixture.As("fr-duty").GetAsync("/api/catalogue?version=legacy-1");
        Assert.Equal(HttpStatusCode.OK, legacy.StatusCode);
        var catalogue = JsonNode.Parse(await legacy.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("legacy-1", (string)catalogue["version"]!);
        Assert.Equal(12, catalogue["entries"]!.AsArray().Count);

        using var unknown = await fixture.As("fr-duty").GetAsync("/api/catalogue?version=eu-2031-1%2F1");
        var problem = await Api.ProblemAsync(unknown, HttpStatusCode.NotFound);
        Assert.Contains("eu-2031-1/1", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_filed_with_current_codes_keeps_its_version_and_responders_listed_under_legacy_codes_are_its_candidates()
    {
        var form = RequestSamples.Flood();
        form["capabilities"] = new JsonArray { new JsonObject { ["code"] = "high-capacity-pumping", ["quantity"] = 1 }, new JsonObject { ["code"] = "FRB", ["quantity"] = 1 } };
        var filed = await fixture.As("ma-duty").FileAsync(form);
        var id = Api.Id(filed);
        Assert.Equal("eu-2025-704/1", (string)filed["catalogueVersion"]!);
        Assert.Equal(["HCP", "FRB"], filed["capabilities"]!.AsArray().Select(c => (string)c!["code"]!));

        await fixture.As("ma-approver").WaitForInboxItemAsync(id, 0);
        await fixture.As("ma-approver").DecideAsync(id, "approve");
        await fixture.As("fr-approver").WaitForInboxItemAsync(id, 1);
        var approved = await fixture.As("fr-approver").DecideAsync(id, "approve");
        Assert.Equal("eu-2025-704/1", (string)approved["catalogueVersion"]!);

        var candidates = (await fixture.As("fr-coordinator").GetArrayAsync($"/api/requests/{id}/dispatch/candidates")).OfType<JsonObject>().ToList();
        Assert.Contains(candidates, c => (string)c["personId"]! == "fr-resp-01" && (string)c["capability"]! == "HCP");
        Assert.Contains(candidates, c => (string)c["personId"]! == "fr-resp-02" && (string)c["capability"]! == "FRB");
        Assert.DoesNotContain(candidates, c => (string)c["capability"]! is "high-capacity-pumping" or "flood-rescue-boats");
    }

    [Fact]
    public async Task A_request_filed_with_only_legacy_codes_is_stored_under_the_legacy_version()
    {
        var filed = await fixture.As("ma-duty").FileAsync(RequestSamples.Flood());
        Assert.Equal("legacy-1", (string)filed["catalogueVersion"]!);
        Assert.Contains("high-capacity-pumping", filed["capabilities"]!.AsArray().Select(c => (string)c!["code"]!));
    }
}

public sealed class CatalogueTestsOnLocalHost(HostFixture<OnLocalHost> fixture) : CatalogueTests<OnLocalHost>(fixture), IClassFixture<HostFixture<OnLocalHost>>;

public sealed class CatalogueTestsOnFunctionsApp(HostFixture<OnFunctionsApp> fixture) : CatalogueTests<OnFunctionsApp>(fixture), IClassFixture<HostFixture<OnFunctionsApp>>;
