using System.Net;
using System.Text.Json.Nodes;
using CivilProtection.Testing;
using static CivilProtection.EndToEnd.Tests.ExchangeParties;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// <c>GET /api/situation</c>: each authority's picture counts what it filed and received, shows where and how covered,
/// and holds nothing of a request it is not party to; nobody signed in gets 401.
/// </summary>
public abstract class SituationTests<THost>(ExchangeHostFixture<THost> fixture) where THost : IHostKind
{
    [Fact]
    public async Task The_picture_counts_what_was_filed_and_holds_only_what_each_authority_is_party_to()
    {
        var duty = fixture.As("ma-duty");
        var toPortugal = await duty.FileAsync(RequestSamples.FloodToPartners(Portugal));
        var urgent = RequestSamples.Flood(France, "urgent");
        urgent["incident"]!["coordinates"] = new JsonObject { ["latitude"] = 35.17, ["longitude"] = -2.93 };
        var toFrance = await duty.FileAsync(urgent);
        var routine = RequestSamples.FloodToPartners(Spain);
        routine["urgency"] = "routine";
        routine["incident"]!.AsObject().Remove("coordinates");
        var toSpain = await duty.FileAsync(routine);
        // Morocco validates the request to Portugal, which goes out to it at once.
        var approver = fixture.As("ma-approver");
        await approver.WaitForInboxItemAsync(Api.Id(toPortugal), 0);
        await approver.DecideAsync(Api.Id(toPortugal), "approve");
        await duty.WaitForListedStatusAsync(Api.Id(toPortugal), "open");
        await duty.WaitForListedStatusAsync(Api.Id(toFrance), "pending-approval");
        await duty.WaitForListedStatusAsync(Api.Id(toSpain), "pending-approval");

        var morocco = await SituationAsync(duty);

        Assert.Equal(Morocco, (string)morocco["authorityId"]!);
        Assert.Equal(3, (int)morocco["inProgress"]!);
        Assert.Equal(new Dictionary<string, int> { ["life-safety"] = 1, ["urgent"] = 1, ["routine"] = 1 }, Counts(morocco["byUrgency"]!));
        Assert.Equal(
            new Dictionary<string, int> { ["pending-approval"] = 2, ["returned-for-information"] = 0, ["open"] = 1, ["approved"] = 0, ["dispatched"] = 0 },
            Counts(morocco["byStatus"]!));
        var shown = morocco["requests"]!.AsArray().ToDictionary(r => (string)r!["requestId"]!, r => r!.AsObject());
        Assert.Equal(new[] { Api.Id(toFrance), Api.Id(toPortugal), Api.Id(toSpain) }.Order(StringComparer.Ordinal), shown.Keys.Order(StringComparer.Ordinal));
        Assert.False((bool)morocco["moreRequests"]!);
        Assert.Equal(35.17, (double)shown[Api.Id(toFrance)]["coordinates"]!["latitude"]!);
        Assert.Null(shown[Api.Id(toSpain)]["coordinates"]);
        // What the request to Portugal asks, line by line, none of it offered yet; a two-sided request has no such coverage.
        var coverage = shown[Api.Id(toPortugal)]["coverage"]!.AsArray();
        Assert.Equal([2, 4], coverage.Select(l => (int)l!["requested"]!));
        Assert.All(coverage, l => Assert.Equal(0, (int)l!["offered"]!));
        Assert.Empty(shown[Api.Id(toFrance)]["coverage"]!.AsArray());
        // Who is on call is worked out per team of Morocco's, on the roster's own clock.
        var operations = morocco["onCall"]!.AsArray().Single(t => (string)t!["team"]! == "operations")!;
        Assert.Equal("Africa/Casablanca", (string)operations["timeZone"]!);
        Assert.Equal("https://tile.openstreetmap.org/{z}/{x}/{y}.png", (string?)morocco["map"]!["tileUrl"]);

        // Filing paged Morocco's validation team; the notices nobody acknowledged wait in its picture, and only in its.
        JsonObject? paged = null;
        await Eventually.TrueAsync(async () =>
        {
            paged = (await SituationAsync(duty))["notices"]!.AsArray().Select(n => n!.AsObject())
                .FirstOrDefault(n => (string)n["requestId"]! == Api.Id(toFrance));
            return paged is not null;
        }, "a notice waiting for acknowledgement on the request to France");
        Assert.Equal(("stage-approval", "validation"), ((string)paged!["kind"]!, (string)paged["team"]!));

        // Portugal sees the request it was asked, as its list shows it, and nothing of Morocco's others.
        var portugalCoordinator = fixture.As("pt-coordinator");
        await portugalCoordinator.WaitForListedStatusAsync(Api.Id(toPortugal), "open");
        var portugal = await SituationAsync(portugalCoordinator);
        Assert.Equal(Portugal, (string)portugal["authorityId"]!);
        Assert.Equal(1, (int)portugal["inProgress"]!);
        Assert.Equal([Api.Id(toPortugal)], portugal["requests"]!.AsArray().Select(r => (string)r!["requestId"]!));
        Assert.DoesNotContain(portugal["notices"]!.AsArray(), n => (string)n!["requestId"]! != Api.Id(toPortugal));

        // Portugal commits a module, accepted, and reports its teams on the road with their position: both pictures show them there.
        await DeploymentSteps.CommitOneModuleAsync(fixture.Host, Api.Id(toPortugal), Portugal, "pt-coordinator", approver: null);
        using (var departed = await portugalCoordinator.PostJsonAsync($"/api/requests/{Api.Id(toPortugal)}/deployments/{Portugal}/reports", new JsonObject
        {
            ["status"] = "departed", ["expectedArrival"] = DateTimeOffset.UtcNow.AddHours(6).ToString("O"), ["latitude"] = 38.72, ["longitude"] = -9.14,
        }))
        {
            await Api.ExpectAsync(departed, HttpStatusCode.OK);
        }
        foreach (var party in new[] { duty, portugalCoordinator })
        {
            var picture = await SituationAsync(party);
            var deployment = Assert.Single(picture["deployments"]!.AsArray())!;
            Assert.Equal((Portugal, "departed"), ((string)deployment["authorityId"]!, (string)deployment["status"]!));
            Assert.Equal((38.72, -9.14), ((double)deployment["lastKnownPosition"]!["latitude"]!, (double)deployment["lastKnownPosition"]!["longitude"]!));
            var line = picture["requests"]!.AsArray().Single(r => (string)r!["requestId"]! == Api.Id(toPortugal))!["coverage"]![0]!;
            Assert.Equal((1, 1), ((int)line["offered"]!, (int)line["accepted"]!));
        }

        // The whole picture, deployments and notices included, is as the OpenAPI document describes it.
        var schemas = await OpenApiSchemas.LoadAsync(fixture.As(null));
        using (var answer = await duty.GetAsync("/api/situation"))
        {
            await schemas.CheckAsync("GET", "/api/situation", answer);
        }

        // Tunisia is party to none of them.
        var tunisia = await SituationAsync(fixture.As("tn-coordinator"));
        Assert.Equal(0, (int)tunisia["inProgress"]!);
        Assert.Empty(tunisia["requests"]!.AsArray());
        Assert.Empty(tunisia["deployments"]!.AsArray());
        Assert.Empty(tunisia["notices"]!.AsArray());
        Assert.All(Counts(tunisia["byStatus"]!).Values, count => Assert.Equal(0, count));
    }

    [Fact]
    public async Task Nobody_signed_in_is_refused_with_401()
    {
        using var response = await fixture.As(null).GetAsync("/api/situation");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<JsonObject> SituationAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/situation");
        await Api.ExpectAsync(response, HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static Dictionary<string, int> Counts(JsonNode counts) =>
        counts.AsArray().ToDictionary(c => (string)c!["name"]!, c => (int)c!["count"]!);
}

public sealed class SituationTestsOnLocalHost(ExchangeHostFixture<OnLocalHost> fixture) : SituationTests<OnLocalHost>(fixture), IClassFixture<ExchangeHostFixture<OnLocalHost>>;

public sealed class SituationTestsOnFunctionsApp(ExchangeHostFixture<OnFunctionsApp> fixture) : SituationTests<OnFunctionsApp>(fixture), IClassFixture<ExchangeHostFixture<OnFunctionsApp>>;
