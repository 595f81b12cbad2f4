using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CivilProtection.Testing;
using static CivilProtection.EndToEnd.Tests.ExchangeParties;
using static CivilProtection.EndToEnd.Tests.ExchangeSteps;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// A request to several partners over real HTTP: filed to two, validated, both offer through their own stages, an
/// unsolicited offer, one partial acceptance, one decline, coverage, the no-longer-needed notice, an amendment, and
/// who sees what across four authorities.
/// </summary>
public abstract class ExchangeTests<THost>(ExchangeHostFixture<THost> fixture) where THost : IHostKind
{
    [Fact]
    public async Task Morocco_asks_France_and_Spain_both_offer_Portugal_offers_unasked_and_Morocco_decides_line_by_line()
    {
        var duty = fixture.As("ma-duty");
        var id = await OpenRequestAsync(duty, [France, Spain]);

        // France's offer passes its acceptance stage, and lands in its approvers' inbox first.
        var frOffered = await OfferAsync("fr-coordinator", id, Line(0, 2));
        var frOffer = OfferOf(frOffered, France);
        Assert.Equal("pending-approval", (string)frOffer["status"]!);
        var frItem = await WaitForOfferInboxItemAsync(fixture.As("fr-approver"), id);
        Assert.Equal((string)frOffer["offerId"]!, (string)frItem["offerId"]!);
        Assert.Empty(Offers(await duty.GetRequestAsync(id)));
        await ApproveOfferStageAsync("fr-approver", id, (string)frOffer["offerId"]!);

        // Spain offers a pump and four boats through its own stage.
        var esOffer = OfferOf(await OfferAsync("es-coordinator", id, Line(0, 1), Line(1, 4)), Spain);
        await ApproveOfferStageAsync("es-approver", id, (string)esOffer["offerId"]!);

        // Portugal was not asked, but is a partner: its offer is sent at once (no stage).
        var ptOffer = OfferOf(await OfferAsync("pt-coordinator", id, Line(1, 2)), Portugal);
        Assert.True((bool)ptOffer["unsolicited"]!);
        Assert.Equal("sent", (string)ptOffer["status"]!);

        var seen = await duty.GetRequestAsync(id);
        Assert.Equal(3, Offers(seen).Count);
        Assert.Contains("decide", OfferOf(seen, Spain)["allowedActions"]!.AsArray().Select(a => (string)a!));
        Assert.Equal([3, 6], Coverage(seen).Select(c => (int)c["offered"]!));

        // France's two pumps are accepted in full: the pumps line is covered, and Spain is told its pump is not needed.
        var afterFrance = await DecideOfferAsync(duty, id, (string)frOffer["offerId"]!, [(0, 2)]);
        Assert.Equal("accepted", (string)OfferOf(afterFrance, France)["status"]!);
        Assert.True((bool)OfferOf(afterFrance, Spain)["lines"]![0]!["noLongerNeeded"]!);
        Assert.Contains(afterFrance["timeline"]!.AsArray(), e => (string)e!["action"]! == "line-no-longer-needed" && (string?)e["authorityId"] == Spain);

        // Spain: the boats accepted, its pump not; Portugal declined with a reason.
        var afterSpain = await DecideOfferAsync(duty, id, (string)esOffer["offerId"]!, [(0, 0), (1, 4)]);
        Assert.Equal("partially-accepted", (string)OfferOf(afterSpain, Spain)["status"]!);
        using (var noReason = await duty.PostJsonAsync($"/api/requests/{id}/offers/{ptOffer["offerId"]}/decision", new JsonObject { ["lines"] = new JsonArray() }))
        {
            var problem = await Api.ProblemAsync(noReason, HttpStatusCode.BadRequest);
            Assert.True(problem["errors"]!.AsObject().ContainsKey("comment"));
        }
        var afterPortugal = await DecideOfferAsync(duty, id, (string)ptOffer["offerId"]!, [], "Les bateaux espagnols suffisent.");
        Assert.Equal("declined", (string)OfferOf(afterPortugal, Portugal)["status"]!);

        var coverage = Coverage(afterPortugal);
        Assert.Equal((2, 2, 0), ((int)coverage[0]["requested"]!, (int)coverage[0]["accepted"]!, (int)coverage[0]["open"]!));
        Assert.Equal((4, 4, 0), ((int)coverage[1]["requested"]!, (int)coverage[1]["accepted"]!, (int)coverage[1]["open"]!));

        // Who sees what: Spain sees its own offer and the totals, never France's offer or its cost.
        var asSpain = await fixture.As("es-coordinator").GetRequestAsync(id);
        Assert.Equal([Spain], Offers(asSpain).Select(o => (string)o["authorityId"]!));
        Assert.Equal([Spain], asSpain["exchange"]!["addressees"]!.AsArray().Select(a => (string)a!["authorityId"]!));
        Assert.DoesNotContain(asSpain["timeline"]!.AsArray(), e => ((string?)e!["offerId"])?.StartsWith(France, StringComparison.Ordinal) == true);
        Assert.Equal(2, (int)Coverage(asSpain)[0]["accepted"]!);
        // The offers as a CSV file, one line per offered line: Morocco's holds all three offers' lines, Spain's its own two.
        Assert.Equal([(Spain, 0, 0), (Spain, 1, 4), (France, 0, 2), (Portugal, 1, 0)], await OfferedLinesAsync("ma-duty", id));
        Assert.Equal([(Spain, 0, 0), (Spain, 1, 4)], await OfferedLinesAsync("es-coordinator", id));
        // Tunisia is neither asked, nor an offerer, nor a partner: the request does not exist for it.
        using (var hidden = await fixture.As("tn-coordinator").GetAsync($"/api/requests/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }
        using (var hiddenOffers = await fixture.As("tn-coordinator").GetAsync($"/api/requests/{id}/offers"))
        {
            Assert.Equal(HttpStatusCode.NotFound, hiddenOffers.StatusCode);
        }
        using (var noOffer = await fixture.As("tn-coordinator").PostJsonAsync($"/api/requests/{id}/offers", OfferForm(Line(0, 1))))
        {
            Assert.Equal(HttpStatusCode.NotFound, noOffer.StatusCode);
        }
        await fixture.As("es-coordinator").WaitForListedStatusAsync(id, "open");
        await fixture.As("pt-coordinator").WaitForListedStatusAsync(id, "open");
        await duty.WaitForListedStatusAsync(id, "open");
        // Each list says whom the request asks as far as its reader may know: all for the requester, itself for a partner.
        Assert.Equal([France, Spain], await ListedAddresseesAsync(duty, id));
        Assert.Equal([Spain], await ListedAddresseesAsync(fixture.As("es-coordinator"), id));
    }

    // (authority, requested line, accepted) of each line of GET /api/requests/{id}/offers as the user sees it.
    private async Task<List<(string, int, int)>> OfferedLinesAsync(string user, string id)
    {
        var rows = await fixture.As(user).CsvLinesAsync($"/api/requests/{id}/offers");
        Assert.StartsWith("offerId,authorityId,unsolicited,status,requestLine,code,quantity,accepted,", rows[0], StringComparison.Ordinal);
        return rows.Skip(1).Select(r => r.Split(',')).Select(c => (c[1], int.Parse(c[4], CultureInfo.InvariantCulture), c[7].Length == 0 ? 0 : int.Parse(c[7], CultureInfo.InvariantCulture)))
            .OrderBy(l => l.Item1, StringComparer.Ordinal).ThenBy(l => l.Item2).ToList();
    }

    private static async Task<string[]> ListedAddresseesAsync(HttpClient client, string id) =>
        (await client.GetArrayAsync("/api/requests?status=open")).OfType<JsonObject>().Single(e => (string)e["requestId"]! == id)["addressedAuthorityIds"]!
            .AsArray().Select(a => (string)a!).ToArray();

    [Fact]
    public async Task A_partner_is_not_asked_before_the_requesting_side_validates_and_declines_with_a_reason()
    {
        var duty = fixture.As("ma-duty");
        var filed = await duty.FileAsync(RequestSamples.FloodToPartners([France, Portugal]));
        var id = Api.Id(filed);
        Assert.Equal("pending-approval", (string)filed["status"]!);
        using (var early = await fixture.As("pt-coordinator").GetAsync($"/api/requests/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        }
        await fixture.As("ma-approver").WaitForInboxItemAsync(id, 0);
        await fixture.As("ma-approver").DecideAsync(id, "approve");

        var portugal = fixture.As("pt-coordinator");
        Assert.Contains("decline-to-offer", (await portugal.GetRequestAsync(id))["allowedActions"]!.AsArray().Select(a => (string)a!));
        using (var bare = await portugal.PostJsonAsync($"/api/requests/{id}/declination", new JsonObject()))
        {
            var problem = await Api.ProblemAsync(bare, HttpStatusCode.BadRequest);
            Assert.True(problem["errors"]!.AsObject().ContainsKey("comment"));
        }
        using var declined = await portugal.PostJsonAsync($"/api/requests/{id}/declination", new JsonObject { ["comment"] = "Moyens engagés sur nos feux." });
        await Api.ExpectAsync(declined, HttpStatusCode.OK);
        var asRequester = await duty.GetRequestAsync(id);
        var answer = asRequester["exchange"]!["addressees"]!.AsArray().Single(a => (string)a!["authorityId"]! == Portugal)!;
        Assert.Equal(("declined", "Moyens engagés sur nos feux."), ((string)answer["status"]!, (string)answer["reason"]!));
    }

    [Fact]
    public async Task Who_may_act_on_an_offer_is_checked_on_the_server_and_a_stale_decision_is_a_conflict()
    {
        var duty = fixture.As("ma-duty");
        var id = await OpenRequestAsync(duty, [France, Portugal]);
        var offer = OfferOf(await OfferAsync("pt-coordinator", id, Line(0, 1), Line(1, 1)), Portugal);
        var offerId = (string)offer["offerId"]!;

        // France may not decide Portugal's offer, nor withdraw it; Morocco's coordinator is no duty officer.
        using (var foreign = await fixture.As("fr-coordinator").PostJsonAsync($"/api/requests/{id}/offers/{offerId}/withdrawal", new JsonObject()))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }
        using (var notRequester = await fixture.As("ma-coordinator").PostJsonAsync($"/api/requests/{id}/offers/{offerId}/decision", Accept([(0, 1)])))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notRequester.StatusCode);
        }
        // Bad lines name every field, and change nothing.
        using (var bad = await duty.PostJsonAsync($"/api/requests/{id}/offers/{offerId}/decision",
            new JsonObject { ["lines"] = new JsonArray { new JsonObject { ["offerLine"] = 7, ["quantity"] = 1 }, new JsonObject { ["offerLine"] = 1, ["quantity"] = 9 } } }))
        {
            var problem = await Api.ProblemAsync(bad, HttpStatusCode.BadRequest);
            Assert.Equal(["lines[0].offerLine", "lines[1].quantity"], problem["errors"]!.AsObject().Select(e => e.Key).Order());
        }
        Assert.Equal("sent", (string)OfferOf(await duty.GetRequestAsync(id), Portugal)["status"]!);

        // The requester asks; a decision made on the version before the question is stale.
        var staleVersion = (int)offer["version"]!;
        using (var asked = await duty.PostJsonAsync($"/api/requests/{id}/offers/{offerId}/question", new JsonObject { ["comment"] = "Autonomie en carburant ?" }))
        {
            await Api.ExpectAsync(asked, HttpStatusCode.OK);
        }
        using (var stale = await duty.PostJsonAsync($"/api/requests/{id}/offers/{offerId}/decision", Accept([(0, 1)], version: staleVersion)))
        {
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        }
        using (var answered = await fixture.As("pt-coordinator").PostJsonAsync($"/api/requests/{id}/offers/{offerId}/answer",
            new JsonObject { ["comment"] = "72 h d'autonomie." }))
        {
            await Api.ExpectAsync(answered, HttpStatusCode.OK);
        }
        var decided = await DecideOfferAsync(duty, id, offerId, [(0, 1)]);
        Assert.Equal("partially-accepted", (string)OfferOf(decided, Portugal)["status"]!);
        // Decided: no longer withdrawn.
        using var late = await fixture.As("pt-coordinator").PostJsonAsync($"/api/requests/{id}/offers/{offerId}/withdrawal", new JsonObject());
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task An_amendment_shows_to_every_offerer_and_cancelling_lapses_undecided_offers()
    {
        var duty = fixture.As("ma-duty");
        var id = await OpenRequestAsync(duty, [Portugal]);
        var offerId = (string)OfferOf(await OfferAsync("pt-coordinator", id, Line(1, 2)), Portugal)["offerId"]!;

        var amendment = RequestSamples.FloodToPartners([Portugal]);
        amendment.Remove("assistingAuthorityIds");
        amendment["urgency"] = "urgent";
        amendment["comment"] = "Moins urgent : la décrue commence.";
        using (var amended = await duty.PostJsonAsync($"/api/requests/{id}/amendment", amendment))
        {
            await Api.ExpectAsync(amended, HttpStatusCode.OK);
        }
        var asPortugal = await fixture.As("pt-coordinator").GetRequestAsync(id);
        Assert.Equal("urgent", (string)asPortugal["urgency"]!);
        Assert.Contains(asPortugal["timeline"]!.AsArray(), e => (string)e!["action"]! == "amended" && (string)e["comment"]! == "Moins urgent : la décrue commence.");

        using (var cancelled = await duty.PostJsonAsync($"/api/requests/{id}/cancellation", new JsonObject { ["comment"] = "Décrue." }))
        {
            await Api.ExpectAsync(cancelled, HttpStatusCode.OK);
        }
        var after = await fixture.As("pt-coordinator").GetRequestAsync(id);
        Assert.Equal("cancelled", (string)after["status"]!);
        Assert.Equal("lapsed", (string)OfferOf(after, Portugal)["status"]!);
        Assert.DoesNotContain("offer", after["allowedActions"]!.AsArray().Select(a => (string)a!));
    }

    [Fact]
    public async Task Each_asked_partners_contact_point_is_paged_then_the_offers_approvers_then_the_requester_and_paging_stops_when_answered()
    {
        var duty = fixture.As("ma-duty");
        var id = await OpenRequestAsync(duty, [France, Portugal]);

        // France's 24/7 contact point (its operations roster) is paged for the request; Portugal's paging is not France's business.
        var asked = await WaitForNoticeAsync(fixture.As("fr-coordinator"), id, "partner-asked", n => n["attempts"]!.AsArray().Count > 0);
        Assert.Equal((France, "operations"), ((string)asked["authorityId"]!, (string)asked["team"]!));
        Assert.DoesNotContain((await fixture.As("fr-coordinator").GetRequestAsync(id))["notices"]!.AsArray(), n => (string)n!["authorityId"]! != France);

        // France offers: its acceptance approvers are paged, and the contact point's notice stops (France has answered).
        var offerId = (string)OfferOf(await OfferAsync("fr-coordinator", id, Line(0, 2)), France)["offerId"]!;
        await WaitForNoticeAsync(fixture.As("fr-approver"), id, "offer-approval", n => (string)n["team"]! == "acceptance");
        await WaitForNoticeAsync(fixture.As("fr-coordinator"), id, "partner-asked", n => (string)n["status"]! == "resolved");

        // Sent: Morocco's contact point is paged to decide it; deciding stops that paging.
        await ApproveOfferStageAsync("fr-approver", id, offerId);
        await WaitForNoticeAsync(duty, id, "offer-arrived", n => (string)n["authorityId"]! == Morocco && n["attempts"]!.AsArray().Count > 0);
        await DecideOfferAsync(duty, id, offerId, [(0, 2)]);
        var done = await WaitForNoticeAsync(duty, id, "offer-arrived", n => (string)n["status"]! == "resolved");
        Assert.Equal(Morocco, (string)done["authorityId"]!);
    }

    private static async Task<JsonObject> WaitForNoticeAsync(HttpClient client, string id, string kind, Func<JsonObject, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var view = await client.GetRequestAsync(id);
            last = view;
            if (view["notices"]!.AsArray().OfType<JsonObject>().FirstOrDefault(n => (string)n["kind"]! == kind && until(n)) is { } notice)
            {
                return notice;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No {kind} notice as expected on {id}: {last?["notices"]?.ToJsonString()}");
    }

    [Fact]
    public async Task Filing_to_partners_names_every_bad_authority()
    {
        using var response = await fixture.As("ma-duty").PostJsonAsync("/api/requests", RequestSamples.FloodToPartners([France, "MA-DGPC", "XX-NONE", Tunisia, France]));

        var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(
            ["assistingAuthorityIds[1]", "assistingAuthorityIds[2]", "assistingAuthorityIds[3]", "assistingAuthorityIds[4]"],
            problem["errors"]!.AsObject().Select(e => e.Key).Order());
    }

    private async Task<string> OpenRequestAsync(HttpClient duty, string[] partners)
    {
        var id = Api.Id(await duty.FileAsync(RequestSamples.FloodToPartners(partners)));
        var approver = fixture.As("ma-approver");
        await approver.WaitForInboxItemAsync(id, 0);
        var open = await approver.DecideAsync(id, "approve");
        Assert.Equal("open", (string)open["status"]!);
        return id;
    }

    private async Task<JsonObject> OfferAsync(string coordinator, string id, params JsonObject[] lines)
    {
        using var response = await fixture.As(coordinator).PostJsonAsync($"/api/requests/{id}/offers", OfferForm(lines));
        await Api.ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task ApproveOfferStageAsync(string approver, string id, string offerId)
    {
        using var response = await fixture.As(approver).PostJsonAsync($"/api/requests/{id}/offers/{offerId}/approvals", new JsonObject { ["decision"] = "approve" });
        await Api.ExpectAsync(response, HttpStatusCode.OK);
        var view = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("sent", (string)Offers(view).Single(o => (string)o["offerId"]! == offerId)["status"]!);
    }

    private static async Task<JsonObject> WaitForOfferInboxItemAsync(HttpClient approver, string requestId)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            var inbox = await approver.GetArrayAsync("/api/approvals");
            if (inbox.OfType<JsonObject>().FirstOrDefault(i => (string)i["requestId"]! == requestId && i["offerId"] is not null) is { } item)
            {
                return item;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No offer stage of {requestId} reached the inbox.");
    }
}

public sealed class ExchangeTestsOnLocalHost(ExchangeHostFixture<OnLocalHost> fixture) : ExchangeTests<OnLocalHost>(fixture), IClassFixture<ExchangeHostFixture<OnLocalHost>>;

public sealed class ExchangeTestsOnFunctionsApp(ExchangeHostFixture<OnFunctionsApp> fixture) : ExchangeTests<OnFunctionsApp>(fixture), IClassFixture<ExchangeHostFixture<OnFunctionsApp>>;
