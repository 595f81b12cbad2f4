using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CivilProtection.Application.Notices;
using CivilProtection.Domain.Rosters;
using CivilProtection.Testing;
using static CivilProtection.EndToEnd.Tests.ExchangeParties;
using static CivilProtection.EndToEnd.Tests.ExchangeSteps;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// The parties of a request to partners are told by SMS what another did, through the fake Twilio on loopback: the
/// first tier on call of each one's contact team (seeded: Spain's and Portugal's duty officers, on the operations
/// roster), in their language, once per act, and only that party sees the line saying it was told.
/// </summary>
public sealed class PartyInformationTests : ExchangeWithTwilio
{
    private static readonly Person SpanishDuty = new("es-duty", "Lucía García", "+34600000001", "en", Spain, ["duty-officer"], []);
    private static readonly Person PortugueseDuty = new("pt-duty", "Inês Silva", "+351910000001", "en", Portugal, ["duty-officer"], []);


    [Fact]
    public async Task Partners_are_told_of_an_amendment_of_the_decision_on_their_offer_of_a_line_no_longer_needed_and_of_the_cancellation()
    {
        var duty = Host.ClientFor("ma-duty");
        var filed = await duty.FileAsync(RequestSamples.FloodToPartners(Spain, Portugal));
        var (id, reference) = (Api.Id(filed), (string)filed["reference"]!);
        await Host.ClientFor("ma-approver").WaitForInboxItemAsync(id, 0);
        await Host.ClientFor("ma-approver").DecideAsync(id, "approve");

        // Both offer pumps (Portugal sends at once; Spain through its stage).
        var ptOffer = await OfferAsync("pt-coordinator", id, Line(0, 2));
        var esOffer = await OfferAsync("es-coordinator", id, Line(0, 1));
        using (var approved = await Host.ClientFor("es-approver").PostJsonAsync($"/api/requests/{id}/offers/{esOffer}/approvals", new JsonObject { ["decision"] = "approve" }))
        {
            await Api.ExpectAsync(approved, HttpStatusCode.OK);
        }

        var amendment = RequestSamples.FloodToPartners(Spain, Portugal);
        amendment.Remove("assistingAuthorityIds");
        amendment["urgency"] = "urgent";
        amendment["comment"] = "La décrue commence.";
        using (var amended = await duty.PostJsonAsync($"/api/requests/{id}/amendment", amendment))
        {
            await Api.ExpectAsync(amended, HttpStatusCode.OK);
        }
        await Steps.SmsToAsync(SpanishDuty, reference, "was amended: see what changed");
        await Steps.SmsToAsync(PortugueseDuty, reference, "was amended: see what changed");

        // Portugal's two pumps cover the line: Portugal is told of the acceptance, Spain that its pump is not needed.
        await DecideOfferAsync(duty, id, ptOffer, [(0, 2)]);
        var accepted = await Steps.SmsToAsync(PortugueseDuty, reference, "accepted your offer");
        Assert.Contains("/#/requests/" + id, accepted.Body, StringComparison.Ordinal);
        await Steps.SmsToAsync(SpanishDuty, reference, "high-capacity pumping is no longer needed, other offers cover it");

        using (var cancelled = await duty.PostJsonAsync($"/api/requests/{id}/cancellation", new JsonObject { ["comment"] = "Décrue." }))
        {
            await Api.ExpectAsync(cancelled, HttpStatusCode.OK);
        }
        await Steps.SmsToAsync(SpanishDuty, reference, "was cancelled");
        await Steps.SmsToAsync(PortugueseDuty, reference, "was cancelled");

        // Each party sees that its own people were told; the requester does not see whom a partner told.
        var asSpain = await Host.ClientFor("es-coordinator").GetRequestAsync(id);
        Assert.Equal(3, asSpain["timeline"]!.AsArray().Count(e => (string)e!["action"]! == "party-informed"));
        Assert.DoesNotContain((await duty.GetRequestAsync(id))["timeline"]!.AsArray(), e => (string)e!["action"]! == "party-informed");
        Assert.Empty(Twilio.Violations);
        Assert.Equal(0, Twilio.Duplicates);
    }

    [Fact]
    public async Task The_same_message_delivered_twice_tells_them_once()
    {
        var duty = Host.ClientFor("ma-duty");
        var filed = await duty.FileAsync(RequestSamples.FloodToPartners(Portugal));
        var (id, reference) = (Api.Id(filed), (string)filed["reference"]!);
        await Host.ClientFor("ma-approver").WaitForInboxItemAsync(id, 0);
        await Host.ClientFor("ma-approver").DecideAsync(id, "approve");
        var offerId = await OfferAsync("pt-coordinator", id, Line(1, 2));
        var decided = await DecideOfferAsync(duty, id, offerId, [(0, 1)]);
        await Steps.SmsToAsync(PortugueseDuty, reference, "accepted part of your offer");

        // The queue delivers at least once: the decision's message again, as it was.
        var information = Host.Service<PartyInformation>();
        Assert.True(await information.InformAsync(id, (int)decided["version"]!, Portugal, "offer-partially-accepted", offerId, null, CancellationToken.None));
        await Task.Delay(500);

        Assert.Single(Twilio.Messages, m => m.To == PortugueseDuty.Mobile && m.Body.Contains("accepted part of your offer", StringComparison.Ordinal));
        Assert.Single((await Host.ClientFor("pt-coordinator").GetRequestAsync(id))["timeline"]!.AsArray(), e => (string)e!["action"]! == "party-informed");
    }

    private async Task<string> OfferAsync(string coordinator, string id, JsonObject line)
    {
        using var response = await Host.ClientFor(coordinator).PostJsonAsync($"/api/requests/{id}/offers", OfferForm(line));
        await Api.ExpectAsync(response, HttpStatusCode.OK);
        var view = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (string)view["exchange"]!["offers"]!.AsArray().Single(o => (string)o!["authorityId"]! == (coordinator.StartsWith("es", StringComparison.Ordinal) ? Spain : Portugal))!["offerId"]!;
    }
}
