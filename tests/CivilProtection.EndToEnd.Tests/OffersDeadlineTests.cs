using System.Net;
using System.Text.Json.Nodes;
using CivilProtection.Domain.Rosters;
using CivilProtection.Testing;
using static CivilProtection.EndToEnd.Tests.ExchangeParties;
using static CivilProtection.EndToEnd.Tests.ExchangeSteps;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// The requester sets a deadline for offers when it files: until then partners offer; when it falls due (a scheduled
/// message, on the host's fake clock) the request takes no further offer and the partners still asked are told.
/// </summary>
public sealed class OffersDeadlineTests : ExchangeWithTwilio
{
    private static readonly Person SpanishDuty = new("es-duty", "Lucía García", "+34600000001", "en", Spain, ["duty-officer"], []);

    [Fact]
    public async Task At_the_deadline_the_request_closes_to_offers_by_itself_and_the_partner_still_asked_is_told()
    {
        var deadline = Clock.GetUtcNow().AddHours(6);
        var form = RequestSamples.FloodToPartners(Spain, Portugal);
        form["offersBy"] = deadline.ToString("O");
        var filed = await Host.ClientFor("ma-duty").FileAsync(form);
        var (id, reference) = (Api.Id(filed), (string)filed["reference"]!);
        await Host.ClientFor("ma-approver").WaitForInboxItemAsync(id, 0);
        var open = await Host.ClientFor("ma-approver").DecideAsync(id, "approve");
        Assert.Equal(deadline, DateTimeOffset.Parse((string)open["exchange"]!["offersBy"]!, System.Globalization.CultureInfo.InvariantCulture));

        // Before the deadline Portugal offers; then the deadline passes.
        using (var offered = await Host.ClientFor("pt-coordinator").PostJsonAsync($"/api/requests/{id}/offers", OfferForm(Line(0, 1))))
        {
            await Api.ExpectAsync(offered, HttpStatusCode.OK);
        }
        Clock.Advance(TimeSpan.FromHours(6) + TimeSpan.FromSeconds(1));

        var closed = await Steps.WaitForAsync(id, "ma-duty", v => (bool?)v["exchange"]?["closedToOffers"] == true ? v : null);
        Assert.Contains(closed["timeline"]!.AsArray(), e => (string)e!["action"]! == "closed-to-offers" && (string)e["actorId"]! == "system");
        Assert.Equal("sent", (string)closed["exchange"]!["offers"]![0]!["status"]!);
        await Steps.SmsToAsync(SpanishDuty, reference, "takes no further offer");
        using var late = await Host.ClientFor("es-coordinator").PostJsonAsync($"/api/requests/{id}/offers", OfferForm(Line(0, 1)));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task An_amendment_brings_the_deadline_forward_and_the_request_closes_to_offers_then_and_a_past_one_is_named()
    {
        var form = RequestSamples.FloodToPartners(Spain, Portugal);
        form["offersBy"] = Clock.GetUtcNow().AddHours(6).ToString("O");
        var filed = await Host.ClientFor("ma-duty").FileAsync(form);
        var id = Api.Id(filed);
        await Host.ClientFor("ma-approver").WaitForInboxItemAsync(id, 0);
        await Host.ClientFor("ma-approver").DecideAsync(id, "approve");

        var amendment = RequestSamples.FloodToPartners(Spain);
        amendment.Remove("assistingAuthorityIds");
        amendment["comment"] = "Les moyens doivent partir avant la nuit.";
        amendment["offersBy"] = Clock.GetUtcNow().AddMinutes(-5).ToString("O");
        using (var past = await Host.ClientFor("ma-duty").PostJsonAsync($"/api/requests/{id}/amendment", amendment))
        {
            var problem = await Api.ProblemAsync(past, HttpStatusCode.BadRequest);
            Assert.Equal(["offersBy"], problem["errors"]!.AsObject().Select(e => e.Key));
        }
        var earlier = Clock.GetUtcNow().AddHours(2);
        amendment["offersBy"] = earlier.ToString("O");
        using (var moved = await Host.ClientFor("ma-duty").PostJsonAsync($"/api/requests/{id}/amendment", amendment))
        {
            await Api.ExpectAsync(moved, HttpStatusCode.OK);
        }
        var view = await Host.ClientFor("es-coordinator").GetRequestAsync(id);
        Assert.Equal(earlier, DateTimeOffset.Parse((string)view["exchange"]!["offersBy"]!, System.Globalization.CultureInfo.InvariantCulture));
        var amended = view["timeline"]!.AsArray().Single(e => (string)e!["action"]! == "amended")!;
        Assert.Contains("offersBy", amended["changes"]!.AsArray().Select(c => (string)c!));

        Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        var closed = await Steps.WaitForAsync(id, "ma-duty", v => (bool?)v["exchange"]?["closedToOffers"] == true ? v : null);
        Assert.Contains(closed["timeline"]!.AsArray(), e => (string)e!["action"]! == "closed-to-offers" && (string)e["actorId"]! == "system");
    }

    [Fact]
    public async Task A_deadline_in_the_past_or_on_a_request_through_a_route_is_named_and_nothing_is_stored()
    {
        var past = RequestSamples.FloodToPartners(Spain);
        past["offersBy"] = Clock.GetUtcNow().AddMinutes(-1).ToString("O");
        var routed = RequestSamples.Flood();
        routed["offersBy"] = Clock.GetUtcNow().AddDays(1).ToString("O");
        var tooFar = RequestSamples.FloodToPartners(Spain);
        tooFar["offersBy"] = Clock.GetUtcNow().AddDays(91).ToString("O");

        foreach (var form in new[] { past, routed, tooFar })
        {
            using var response = await Host.ClientFor("ma-duty").PostJsonAsync("/api/requests", form);
            var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal(["offersBy"], problem["errors"]!.AsObject().Select(e => e.Key));
        }
        Assert.Empty(await Host.ClientFor("ma-duty").GetArrayAsync("/api/requests"));
    }
}
