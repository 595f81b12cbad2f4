using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CivilProtection.Testing;
using static CivilProtection.EndToEnd.Tests.ExchangeParties;
using static CivilProtection.EndToEnd.Tests.ExchangeSteps;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// <c>GET /api/work</c>, the home page's data: each role sees what waits for it now, only of its own authority, and an
/// item leaves once done (a notice acknowledged, an offer prepared).
/// </summary>
public abstract class WorkTests<THost>(ExchangeHostFixture<THost> fixture) where THost : IHostKind
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_approver_sees_the_stage_and_the_notice_paging_them_the_duty_officer_the_request_and_another_authority_nothing()
    {
        var id = Api.Id(await fixture.As("ma-duty").FileAsync(RequestSamples.Flood()));
        var approver = fixture.As("ma-approver");

        var approval = await WaitForItemAsync(approver, "approvals", id);
        Assert.Equal(0, (int)approval["stageIndex"]!);
        Assert.True((DateTimeOffset)approval["deadline"]! > DateTimeOffset.UtcNow);
        // Filing paged Morocco's validation roster, which she is on: the notice waits beside the decision.
        var notice = await WaitForItemAsync(approver, "notices", id);
        Assert.Equal("stage-approval", (string)notice["kind"]!);
        Assert.Equal("validation", (string)notice["stageName"]!);
        var work = await WorkAsync(approver);
        Assert.Null(work["requests"]);
        Assert.Null(work["offersToPrepare"]);
        Assert.True((int)work["approvals"]!["total"]! >= 1);

        var duty = await WaitForItemAsync(fixture.As("ma-duty"), "requests", id);
        Assert.Equal("pending-approval", (string)duty["status"]!);
        Assert.Null((await WorkAsync(fixture.As("ma-duty")))["approvals"]);

        // France assists, but nothing of Morocco's stage is France's to do; Spain is not even party to it.
        foreach (var other in new[] { "fr-approver", "fr-duty", "fr-coordinator", "es-approver", "es-duty" })
        {
            Assert.False(Holds(await WorkAsync(fixture.As(other)), id), $"{other} was given Morocco's work on {id}.");
        }

        // One acknowledgement stops the paging: the notice leaves, the decision stays.
        using (var acknowledged = await approver.PostJsonAsync($"/api/requests/{id}/notices/{notice["noticeId"]}/acknowledgement", new JsonObject()))
        {
            await Api.ExpectAsync(acknowledged, HttpStatusCode.OK);
        }
        work = await WorkAsync(approver);
        Assert.DoesNotContain(Items(work, "notices"), n => (string)n["requestId"]! == id);
        Assert.Contains(Items(work, "approvals"), a => (string)a["requestId"]! == id);

        // Returned for information, it is the duty officer's first line of work.
        await approver.DecideAsync(id, "return", "Précisez le débit des pompes attendu");
        await Eventually.TrueAsync(async () => Items(await WorkAsync(fixture.As("ma-duty")), "requests").FirstOrDefault() is { } first
                && (string)first["requestId"]! == id && (string)first["status"]! == "returned-for-information",
            $"the returned request {id} heading ma-duty's work", Patience);
        await Eventually.TrueAsync(async () => !Items(await WorkAsync(approver), "approvals").Any(a => (string)a["requestId"]! == id),
            $"the returned request {id} leaving ma-approver's work", Patience);
    }

    [Fact]
    public async Task A_partner_s_coordinator_sees_the_request_to_offer_on_until_it_offers_and_then_the_dispatch_of_what_was_accepted()
    {
        var duty = fixture.As("ma-duty");
        var id = Api.Id(await duty.FileAsync(RequestSamples.FloodToPartners(France, Spain)));
        await fixture.As("ma-approver").WaitForInboxItemAsync(id, 0);
        await fixture.As("ma-approver").DecideAsync(id, "approve");

        var france = fixture.As("fr-coordinator");
        var toOffer = await WaitForItemAsync(france, "offersToPrepare", id);
        Assert.Equal(Morocco, (string)toOffer["requestingAuthorityId"]!);
        Assert.NotNull(toOffer["due"]);
        await WaitForItemAsync(fixture.As("es-coordinator"), "offersToPrepare", id);
        // Portugal was not asked, and Morocco's own coordinator offers nothing to itself.
        Assert.DoesNotContain(Items(await WorkAsync(fixture.As("pt-coordinator")), "offersToPrepare"), r => (string)r["requestId"]! == id);
        Assert.DoesNotContain(Items(await WorkAsync(fixture.As("ma-coordinator")), "offersToPrepare"), r => (string)r["requestId"]! == id);
        Assert.Null((await WorkAsync(fixture.As("fr-approver")))["offersToPrepare"]);

        using (var offered = await france.PostJsonAsync($"/api/requests/{id}/offers", OfferForm(Line(0, 2))))
        {
            await Api.ExpectAsync(offered, HttpStatusCode.OK);
            var offerId = (string)OfferOf((await offered.Content.ReadFromJsonAsync<JsonObject>())!, France)["offerId"]!;
            Assert.DoesNotContain(Items(await WorkAsync(france), "offersToPrepare"), r => (string)r["requestId"]! == id);

            // France's acceptance stage decides the offer: it waits in its approver's work, not in Spain's.
            var stage = await WaitForItemAsync(fixture.As("fr-approver"), "approvals", id);
            Assert.Equal(offerId, (string)stage["offerId"]!);
            Assert.DoesNotContain(Items(await WorkAsync(fixture.As("es-approver")), "approvals"), a => (string)a["requestId"]! == id);
            using var approved = await fixture.As("fr-approver").PostJsonAsync($"/api/requests/{id}/offers/{offerId}/approvals", new JsonObject { ["decision"] = "approve" });
            await Api.ExpectAsync(approved, HttpStatusCode.OK);
            await DecideOfferAsync(duty, id, offerId, [(0, 2)]);
        }

        // Accepted, France's pumps are its commitment: nobody asked yet, so its coordinators have a dispatch to do.
        var dispatch = await WaitForItemAsync(france, "dispatches", id);
        Assert.Equal(0, (int)dispatch["waiting"]!);
        Assert.DoesNotContain(Items(await WorkAsync(fixture.As("es-coordinator")), "dispatches"), r => (string)r["requestId"]! == id);
    }

    [Fact]
    public async Task A_person_with_several_roles_sees_each_of_their_sections()
    {
        // Morocco's admin gives one person every role of the authority, and a place in the validation group.
        var person = new JsonObject
        {
            ["displayName"] = "Nora Chraibi",
            ["roles"] = new JsonArray("duty-officer", "approver", "coordinator"),
            ["approverGroups"] = new JsonArray("validation"),
        };
        using (var saved = await fixture.As("ma-admin").PutAsJsonAsync("/api/directory/authorities/MA-DGPC/people/ma-all-hands", person))
        {
            await Api.ExpectAsync(saved, HttpStatusCode.OK);
        }
        var everyone = fixture.As("ma-all-hands");
        var id = Api.Id(await everyone.FileAsync(RequestSamples.Flood()));

        await WaitForItemAsync(everyone, "approvals", id);
        await WaitForItemAsync(everyone, "requests", id);
        // Her team, validation, is paged for the stage: she may acknowledge it as any of its members.
        await WaitForItemAsync(everyone, "notices", id);
        var work = await WorkAsync(everyone);
        Assert.NotNull(work["offersToPrepare"]);
        Assert.NotNull(work["dispatches"]);
    }

    private static async Task<JsonObject> WorkAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/work");
        await Api.ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static IEnumerable<JsonObject> Items(JsonObject work, string section) =>
        work[section]?["items"]?.AsArray().OfType<JsonObject>() ?? [];

    private static bool Holds(JsonObject work, string requestId) =>
        new[] { "approvals", "requests", "offersToPrepare", "dispatches", "notices" }.Any(s => Items(work, s).Any(i => (string)i["requestId"]! == requestId));

    // Routing, paging and the lists are fed through the queue: wait for the item.
    private static async Task<JsonObject> WaitForItemAsync(HttpClient client, string section, string requestId)
    {
        JsonObject? found = null;
        await Eventually.TrueAsync(async () => (found = Items(await WorkAsync(client), section).FirstOrDefault(i => (string)i["requestId"]! == requestId)) is not null,
            () => $"{requestId} in the {section} of the caller's work", Patience, TimeSpan.FromMilliseconds(100));
        return found!;
    }
}

public sealed class WorkTestsOnLocalHost(ExchangeHostFixture<OnLocalHost> fixture) : WorkTests<OnLocalHost>(fixture), IClassFixture<ExchangeHostFixture<OnLocalHost>>;

public sealed class WorkTestsOnFunctionsApp(ExchangeHostFixture<OnFunctionsApp> fixture) : WorkTests<OnFunctionsApp>(fixture), IClassFixture<ExchangeHostFixture<OnFunctionsApp>>;
