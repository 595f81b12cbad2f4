using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CivilProtection.Application.Sms;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// Opt-outs as Twilio's Advanced Opt-Out runs them: STOP (marked <c>OptOutType</c>) records the number as opted out and
/// gets no answer of ours; nobody opted out is paged or offered a mission until START; a send Twilio refuses with 21610
/// marks the number opted out and moves the dispatch to the next candidate at once.
/// </summary>
public sealed partial class SmsWorkflowTests
{
    [Fact]
    public async Task A_responder_who_replied_STOP_is_not_offered_a_mission_until_START()
    {
        var (id, reference) = await FileAndApproveFirstStageAsync();
        await _host.ClientFor("fr-approver").DecideAsync(id, "approve");
        await SmsToAsync(FrOperations, reference);

        using (var stop = await _twilio.SendInboundAsync(_host.BaseAddress, _host.BaseAddress, Boater.Mobile, "Stop"))
        {
            await Api.ExpectAsync(stop, HttpStatusCode.OK);
            // Twilio answers an opt-out itself: ours would be refused, so there is none.
            Assert.DoesNotContain("<Message>", await stop.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Contains(Boater.Mobile, _twilio.OptedOut);
        var boater = await CandidateAsync(id, Boater, "flood-rescue-boats");
        Assert.True((bool)boater["smsOptedOut"]!);
        Assert.False((bool)boater["available"]!);

        var coordinator = _host.ClientFor("fr-coordinator");
        using (var refused = await coordinator.PostJsonAsync($"/api/requests/{id}/dispatch", DispatchForm(Boater, "flood-rescue-boats")))
        {
            var problem = await Api.ProblemAsync(refused, HttpStatusCode.BadRequest);
            Assert.Contains("STOP", (string)problem["errors"]!["offers[0].personId"]![0]!, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(_twilio.Messages, m => m.To == Boater.Mobile);

        // A STOP replayed (Twilio retrying the webhook) is the same opt-out, recorded once.
        var history = await _host.Service<IOptOuts>().HistoryAsync(Boater.Mobile, CancellationToken.None);
        Assert.Equal(OptOutSources.StopReply, Assert.Single(history).Source);

        await ReplyAsync(Boater, "START");
        Assert.DoesNotContain(Boater.Mobile, _twilio.OptedOut);
        Assert.False((bool)(await CandidateAsync(id, Boater, "flood-rescue-boats"))["smsOptedOut"]!);
        using (var dispatched = await coordinator.PostJsonAsync($"/api/requests/{id}/dispatch", DispatchForm(Boater, "flood-rescue-boats")))
        {
            await Api.ExpectAsync(dispatched, HttpStatusCode.OK);
        }
        await SmsToAsync(Boater, reference);
        Assert.Empty(_twilio.Violations);
    }

    [Fact]
    public async Task An_offer_twilio_refuses_with_21610_marks_the_number_opted_out_and_asks_the_next_candidate_at_once()
    {
        var (id, reference) = await FileAndApproveFirstStageAsync();
        await _host.ClientFor("fr-approver").DecideAsync(id, "approve");
        await SmsToAsync(FrOperations, reference);
        // The pumper opted out with Twilio where the app could not see it.
        _twilio.OptOutAtTwilio(Pumper.Mobile);

        var clock = Stopwatch.StartNew();
        using (var dispatch = await _host.ClientFor("fr-coordinator").PostJsonAsync($"/api/requests/{id}/dispatch", DispatchForm(Pumper, "high-capacity-pumping")))
        {
            await Api.ExpectAsync(dispatch, HttpStatusCode.OK);
        }

        // Without the answer deadline passing (the clock is frozen): the offer closes and the next pumper is asked.
        var next = await WaitForAsync(id, "fr-coordinator", v => Offers(v, "high-capacity-pumping").FirstOrDefault(o => (string)o["personId"]! != Pumper.PersonId));
        var nextMobile = (await _host.Service<Application.Rosters.IPeople>().FindAsync((string)next["personId"]!, CancellationToken.None))!.Mobile;
        await Eventually.TrueAsync(() => Task.FromResult(_twilio.Messages.Any(m => m.To == nextMobile && m.Body.Contains(reference, StringComparison.Ordinal))),
            "the next candidate's offer SMS at Twilio", TimeSpan.FromSeconds(30));
        var elapsed = clock.Elapsed;

        Assert.Equal(1, _twilio.RefusedOptedOut);
        Assert.DoesNotContain(_twilio.Messages, m => m.To == Pumper.Mobile);
        var view = await _host.ClientFor("fr-coordinator").GetRequestAsync(id);
        Assert.Equal("silent", (string)Offers(view, "high-capacity-pumping").Single(o => (string)o["personId"]! == Pumper.PersonId)["status"]!);
        Assert.Contains("responder-unreachable", Api.Actions(view).Concat(view["timeline"]!.AsArray().Select(e => (string)e!["action"]!)));
        Assert.True((bool)(await CandidateAsync(id, Pumper, "high-capacity-pumping"))["smsOptedOut"]!);
        Assert.Equal(OptOutSources.ProviderRefusal,
            Assert.Single(await _host.Service<IOptOuts>().HistoryAsync(Pumper.Mobile, CancellationToken.None)).Source);
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"the next offer took {elapsed}");
    }

    [Fact]
    public async Task An_on_call_approver_who_replied_STOP_is_skipped_and_the_next_tier_is_paged_at_once()
    {
        await ReplyAsync(FrFirst, "ARRET");

        var (_, reference) = await FileAndApproveFirstStageAsync();

        // Tier 1 opted out: tier 2 is paged without waiting for tier 1's acknowledgement window (the clock is frozen).
        await SmsToAsync(FrSecond, reference);
        Assert.DoesNotContain(_twilio.Messages, m => m.To == FrFirst.Mobile);
        // "ARRET" is not one of Twilio's own keywords: the app recognised it, and Twilio still sends to the number.
        Assert.DoesNotContain(FrFirst.Mobile, _twilio.OptedOut);

        // The roster shows it: tier 1 is a gap; the people page says who opted out, and since when.
        var admin = _host.ClientFor("fr-admin");
        using (var onCall = await admin.GetAsync("/api/rosters/acceptance/on-call"))
        {
            await Api.ExpectAsync(onCall, HttpStatusCode.OK);
            var tiers = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<JsonObject>(onCall.Content))!["tiers"]!.AsArray().OfType<JsonObject>().ToList();
            var first = tiers.Single(t => (int)t["tier"]! == 1);
            Assert.True((bool)first["gap"]!);
            Assert.True((bool)first["people"]!.AsArray().OfType<JsonObject>().Single(p => (string)p["personId"]! == FrFirst.PersonId)["smsOptedOut"]!);
            Assert.False((bool)tiers.Single(t => (int)t["tier"]! == 2)["gap"]!);
        }
        var person = (await admin.GetArrayAsync("/api/people")).OfType<JsonObject>().Single(p => (string)p["personId"]! == FrFirst.PersonId);
        Assert.True((bool)person["smsOptedOut"]!);
        Assert.NotNull((string?)person["smsOptedOutAt"]);

        // START: paged again, no gap.
        await ReplyAsync(FrFirst, "START");
        var people = (await admin.GetArrayAsync("/api/people")).OfType<JsonObject>();
        Assert.False((bool)people.Single(p => (string)p["personId"]! == FrFirst.PersonId)["smsOptedOut"]!);
    }

    private static JsonObject DispatchForm(Domain.Rosters.Person person, string capability) => new()
    {
        ["meetingPoint"] = "Base de sécurité civile de Nîmes-Garons",
        ["reportAt"] = DateTimeOffset.UtcNow.AddHours(3).ToString("O"),
        ["offers"] = new JsonArray { new JsonObject { ["personId"] = person.PersonId, ["capability"] = capability } },
    };

    private async Task<JsonObject> CandidateAsync(string id, Domain.Rosters.Person person, string capability) =>
        (await _host.ClientFor("fr-coordinator").GetArrayAsync($"/api/requests/{id}/dispatch/candidates")).OfType<JsonObject>()
            .Single(c => (string)c["personId"]! == person.PersonId && (string)c["capability"]! == capability);
}
