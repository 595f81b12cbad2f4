using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CivilProtection.Domain.Rosters;
using CivilProtection.Testing;
using static CivilProtection.EndToEnd.Tests.ExchangeParties;
using static CivilProtection.EndToEnd.Tests.ExchangeSteps;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// The steps to a deployment, over HTTP on either host: Morocco asks partners, each offers one pumping module, its own
/// side approves where it has a stage, Morocco accepts it, and its coordinator dispatches its team leader, who says YES
/// by SMS through the fake Twilio.
/// </summary>
public static class DeploymentSteps
{
    // Seeded team leaders for pumping: Alejandro Ruiz in Spain, Rui Pereira in Portugal.
    public static readonly Person SpanishLeader = new("es-resp-01", "Alejandro Ruiz", "+34600000006", "en", Spain, ["responder"], ["high-capacity-pumping"]);

    public static async Task<(string Id, string Reference)> OpenToAsync(IAppHost host, params string[] partners)
    {
        var filed = await host.ClientFor("ma-duty").FileAsync(RequestSamples.FloodToPartners(partners));
        var id = Api.Id(filed);
        var approver = host.ClientFor("ma-approver");
        await approver.WaitForInboxItemAsync(id, 0);
        Assert.Equal("open", (string)(await approver.DecideAsync(id, "approve"))["status"]!);
        return (id, (string)filed["reference"]!);
    }

    /// <summary>The partner offers one pumping module (approved by <paramref name="approver"/> when its side has a stage) and Morocco accepts it.</summary>
    public static async Task CommitOneModuleAsync(IAppHost host, string id, string partner, string coordinator, string? approver)
    {
        using var offered = await host.ClientFor(coordinator).PostJsonAsync($"/api/requests/{id}/offers", OfferForm(Line(0, 1)));
        await Api.ExpectAsync(offered, HttpStatusCode.OK);
        var offerId = (string)OfferOf((await offered.Content.ReadFromJsonAsync<JsonObject>())!, partner)["offerId"]!;
        if (approver is not null)
        {
            using var approved = await host.ClientFor(approver).PostJsonAsync($"/api/requests/{id}/offers/{offerId}/approvals", new JsonObject { ["decision"] = "approve" });
            await Api.ExpectAsync(approved, HttpStatusCode.OK);
        }
        var decided = await DecideOfferAsync(host.ClientFor("ma-duty"), id, offerId, [(0, 1)]);
        Assert.Equal("accepted", (string)OfferOf(decided, partner)["status"]!);
    }

    /// <summary>Spain's coordinator asks its team leader by SMS and he accepts with a signed YES.</summary>
    public static async Task LeaderAcceptsAsync(IAppHost host, FakeTwilio twilio, string id, string reference, DateTimeOffset now)
    {
        using (var dispatch = await host.ClientFor("es-coordinator").PostJsonAsync($"/api/requests/{id}/dispatch", new JsonObject
        {
            ["meetingPoint"] = "Base de la UME, Torrejón de Ardoz",
            ["reportAt"] = now.AddHours(4).ToString("O"),
            ["offers"] = new JsonArray(new JsonObject { ["personId"] = SpanishLeader.PersonId, ["capability"] = "HCP", ["role"] = "team-leader" }),
        }))
        {
            await Api.ExpectAsync(dispatch, HttpStatusCode.OK);
        }
        await SmsToAsync(twilio, SpanishLeader, reference, "Mission");
        var answer = await ReplyAsync(host, twilio, SpanishLeader, "YES");
        Assert.Contains("confirmed", answer, StringComparison.Ordinal);
    }

    /// <summary>Sends a signed SMS from the person and returns the TwiML answer's text.</summary>
    public static async Task<string> ReplyAsync(IAppHost host, FakeTwilio twilio, Person from, string body, string? messageSid = null)
    {
        using var reply = await twilio.SendInboundAsync(host.BaseAddress, host.BaseAddress, from.Mobile, body, messageSid: messageSid);
        await Api.ExpectAsync(reply, HttpStatusCode.OK);
        return WebUtility.HtmlDecode(await reply.Content.ReadAsStringAsync());
    }

    public static async Task<FakeTwilioMessage> SmsToAsync(FakeTwilio twilio, Person person, string reference, string saying)
    {
        FakeTwilioMessage? found = null;
        await Eventually.TrueAsync(() =>
        {
            found = twilio.Messages.FirstOrDefault(m => m.To == person.Mobile && m.Body.Contains(reference, StringComparison.Ordinal)
                && m.Body.Contains(saying, StringComparison.Ordinal));
            return Task.FromResult(found is not null);
        }, () => $"an SMS to {person.Name} about {reference} saying \"{saying}\"; Twilio received: {string.Join(" | ", twilio.Messages.Select(m => m.To + ": " + m.Body))}");
        return found!;
    }

    public static async Task<JsonObject> BoardAsync(IAppHost host, string user, string id)
    {
        using var response = await host.ClientFor(user).GetAsync($"/api/requests/{id}/deployments");
        await Api.ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static JsonObject DeploymentOf(JsonObject board, string authority) =>
        board["deployments"]!.AsArray().Select(d => d!.AsObject()).Single(d => (string)d["authorityId"]! == authority);

    public static Task<HttpResponseMessage> ActAsync(IAppHost host, string user, string id, string authority, string act, JsonObject body) =>
        host.ClientFor(user).PostJsonAsync($"/api/requests/{id}/deployments/{authority}/{act}", body);
}
