using System.Net;
using System.Text.Json.Nodes;
using CivilProtection.Application.Dispatch;
using CivilProtection.Application.Notices;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Sms;
using CivilProtection.Domain.Notices;
using CivilProtection.Domain.Rosters;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// Each inbound message is applied once: Twilio retries a webhook that did not answer in time, and a signed call can
/// be captured and replayed. A repeat of a reply answers as the first did and changes nothing, whatever was offered
/// to the sender since; status callbacks repeated or out of order never move an SMS backwards.
/// </summary>
public sealed partial class SmsWorkflowTests
{
    private const string EmptyTwiML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response />";

    [Fact]
    public async Task A_decline_replayed_after_a_new_offer_was_made_changes_nothing_and_is_answered_as_the_first_time()
    {
        var (first, firstReference) = await DispatchedAsync(Boater, "flood-rescue-boats");
        var decline = FakeTwilio.NewMessageSid();
        var answered = await ReplyTextAsync(Boater, "2", decline);
        var afterDecline = await WaitForAsync(first, "fr-coordinator", v => Offers(v, "flood-rescue-boats").Count == 2 ? v : null);

        // A later request offers the same responder a mission: the decline must not be taken as the answer to it.
        var (second, secondReference) = await DispatchedAsync(Boater, "flood-rescue-boats");
        var replayed = await ReplyTextAsync(Boater, "2", decline);

        Assert.Equal(answered, replayed);
        Assert.Contains(firstReference, replayed, StringComparison.Ordinal);
        Assert.DoesNotContain(secondReference, replayed, StringComparison.Ordinal);
        await Task.Delay(500);
        var offer = Assert.Single(Offers(await _host.ClientFor("fr-coordinator").GetRequestAsync(second), "flood-rescue-boats"));
        Assert.Equal("asked", (string)offer["status"]!);
        Assert.Equal(Changes(afterDecline), Changes(await _host.ClientFor("fr-coordinator").GetRequestAsync(first)));
    }

    [Fact]
    public async Task An_acknowledgement_replayed_answers_as_the_first_did_and_is_confirmed_once()
    {
        var (id, reference) = await FileAndApproveFirstStageAsync();
        var code = AckCode().Match((await SmsToAsync(FrFirst, reference)).Body).Groups["code"].Value;
        var sid = FakeTwilio.NewMessageSid();
        Assert.Equal(EmptyTwiML, await ReplyTextAsync(FrFirst, "OK " + code, sid));
        await SmsToAsync(FrFirst, reference, nth: 2);

        Assert.Equal(EmptyTwiML, await ReplyTextAsync(FrFirst, "OK " + code, sid));

        await Task.Delay(500);
        Assert.Equal(2, _twilio.Messages.Count(m => m.To == FrFirst.Mobile));
        var timeline = Timeline(await _host.ClientFor("fr-approver").GetRequestAsync(id));
        Assert.Single(timeline, action => action == "notice-acknowledged");
    }

    [Fact]
    public async Task The_same_reply_arriving_twice_at_once_is_applied_once_and_both_calls_are_answered_alike()
    {
        var (id, reference) = await DispatchedAsync(Boater, "flood-rescue-boats");
        var sid = FakeTwilio.NewMessageSid();

        var answers = await Task.WhenAll(ReplyTextAsync(Boater, "NON", sid), ReplyTextAsync(Boater, "NON", sid));

        Assert.Equal(answers[0], answers[1]);
        Assert.Contains(reference, answers[0], StringComparison.Ordinal);
        var view = await WaitForAsync(id, "fr-coordinator", v => Offers(v, "flood-rescue-boats").Count >= 2 ? v : null);
        await Task.Delay(500);
        view = await _host.ClientFor("fr-coordinator").GetRequestAsync(id);
        Assert.Equal(2, Offers(view, "flood-rescue-boats").Count);
        Assert.Single(Timeline(view), action => action == "responder-declined");
    }

    [Fact]
    public async Task A_repeat_while_the_first_call_still_applies_the_reply_applies_nothing_and_takes_over_once_that_call_is_given_up()
    {
        var (id, reference) = await DispatchedAsync(Boater, "flood-rescue-boats");
        var sid = FakeTwilio.NewMessageSid();
        // A first call claimed the reply and has not finished (slow, or dead: nobody can tell yet).
        await _host.Service<IInboundLedger>().ClaimAsync(new InboundClaim(Boater.Mobile, sid, [new ReplyTarget(id, null)], _clock.GetUtcNow(), null), CancellationToken.None);

        Assert.Equal(EmptyTwiML, await ReplyTextAsync(Boater, "2", sid));
        Assert.Equal("asked", (string)Assert.Single(Offers(await _host.ClientFor("fr-coordinator").GetRequestAsync(id), "flood-rescue-boats"))["status"]!);

        _clock.Advance(ReplyOnce.UnfinishedAfter);
        var answered = await ReplyTextAsync(Boater, "2", sid);
        var replayed = await ReplyTextAsync(Boater, "2", sid);

        Assert.Contains(reference, answered, StringComparison.Ordinal);
        Assert.Equal(answered, replayed);
        var view = await WaitForAsync(id, "fr-coordinator", v => Offers(v, "flood-rescue-boats").Count == 2 ? v : null);
        Assert.Single(Timeline(view), action => action == "responder-declined");
    }

    [Fact]
    public async Task A_repeat_waiting_for_the_first_call_answers_as_that_call_did_once_it_completes()
    {
        var (id, reference) = await DispatchedAsync(Boater, "flood-rescue-boats");
        var sid = FakeTwilio.NewMessageSid();
        var ledger = _host.Service<IInboundLedger>();
        var first = await ledger.ClaimAsync(new InboundClaim(Boater.Mobile, sid, [new ReplyTarget(id, null)], _clock.GetUtcNow(), null), CancellationToken.None);

        var repeat = ReplyTextAsync(Boater, "2", sid);
        await Task.Delay(300);
        await ledger.CompleteAsync(first, new ReplyEffect(ReplyOutcome.Declined, id, reference), CancellationToken.None);

        Assert.Contains(reference, await repeat, StringComparison.Ordinal);
        // The first call's effect was recorded by that call: the repeat applied nothing of its own.
        Assert.Equal("asked", (string)Assert.Single(Offers(await _host.ClientFor("fr-coordinator").GetRequestAsync(id), "flood-rescue-boats"))["status"]!);
    }

    [Fact]
    public async Task A_reply_whose_first_call_died_after_applying_it_is_answered_from_the_request_and_not_applied_to_a_newer_offer()
    {
        var (first, firstReference) = await DispatchedAsync(Boater, "flood-rescue-boats");
        var sid = FakeTwilio.NewMessageSid();
        // The first call claimed the reply, committed the decline, and died before completing its claim.
        await _host.Service<IInboundLedger>().ClaimAsync(new InboundClaim(Boater.Mobile, sid, [new ReplyTarget(first, null)], _clock.GetUtcNow(), null), CancellationToken.None);
        Assert.NotNull(await _host.Service<DispatchDesk>().AnswerAsync(Boater, first, accepted: false, sid, CancellationToken.None));
        var afterDecline = await WaitForAsync(first, "fr-coordinator", v => Offers(v, "flood-rescue-boats").Count == 2 ? v : null);
        var (second, _) = await DispatchedAsync(Boater, "flood-rescue-boats");

        _clock.Advance(ReplyOnce.UnfinishedAfter);
        var replayed = await ReplyTextAsync(Boater, "2", sid);

        Assert.Contains(firstReference, replayed, StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.Equal("asked", (string)Assert.Single(Offers(await _host.ClientFor("fr-coordinator").GetRequestAsync(second), "flood-rescue-boats"))["status"]!);
        Assert.Equal(Changes(afterDecline), Changes(await _host.ClientFor("fr-coordinator").GetRequestAsync(first)));
    }

    [Fact]
    public async Task An_acknowledgement_whose_first_call_died_after_applying_it_is_answered_as_then_and_confirmed_once()
    {
        var (id, reference) = await FileAndApproveFirstStageAsync();
        var code = AckCode().Match((await SmsToAsync(FrFirst, reference)).Body).Groups["code"].Value;
        var notice = await WaitForAsync(id, "fr-approver", v => v["notices"]!.AsArray().FirstOrDefault(n => (int?)n!["stageIndex"] == 1));
        var noticeId = (string)notice["noticeId"]!;
        var sid = FakeTwilio.NewMessageSid();
        // The first call claimed the reply, committed the acknowledgement, and died before completing its claim.
        await _host.Service<IInboundLedger>().ClaimAsync(new InboundClaim(FrFirst.Mobile, sid, [new ReplyTarget(id, noticeId)], _clock.GetUtcNow(), null), CancellationToken.None);
        Assert.NotNull(await _host.Service<NoticeDesk>().AcknowledgeByReplyAsync(FrFirst, id, noticeId, sid, NoticeChannels.Sms, CancellationToken.None));
        await SmsToAsync(FrFirst, reference, nth: 2);

        _clock.Advance(ReplyOnce.UnfinishedAfter);

        Assert.Equal(EmptyTwiML, await ReplyTextAsync(FrFirst, "OK " + code, sid));
        await Task.Delay(500);
        Assert.Equal(2, _twilio.Messages.Count(m => m.To == FrFirst.Mobile));
    }

    [Fact]
    public async Task A_reply_that_changed_nothing_still_changes_nothing_when_replayed_after_an_offer_was_made()
    {
        var sid = FakeTwilio.NewMessageSid();
        var first = await ReplyTextAsync(Boater, "2", sid);
        Assert.Contains("<Message>", first, StringComparison.Ordinal);

        var (id, _) = await DispatchedAsync(Boater, "flood-rescue-boats");
        var replayed = await ReplyTextAsync(Boater, "2", sid);

        Assert.Equal(first, replayed);
        await Task.Delay(500);
        Assert.Equal("asked", (string)Assert.Single(Offers(await _host.ClientFor("fr-coordinator").GetRequestAsync(id), "flood-rescue-boats"))["status"]!);
    }

    [Fact]
    public async Task A_status_callback_repeated_or_out_of_order_never_moves_an_SMS_backwards()
    {
        var (id, reference) = await FileAndApproveFirstStageAsync();
        var page = await SmsToAsync(FrFirst, reference);
        var smsId = System.Web.HttpUtility.ParseQueryString(page.StatusCallback.Query)["sms"]!;

        foreach (var status in new[] { "delivered", "delivered", "sent", "queued" })
        {
            using var report = await _twilio.ReportStatusAsync(page, status, appBaseUrl: _host.BaseAddress);
            await Api.ExpectAsync(report, HttpStatusCode.NoContent);
        }

        var stored = await _host.Service<IRequestStore>().FindSmsAsync(smsId, CancellationToken.None);
        Assert.Equal(SmsStatus.Delivered, stored?.Value.Status);
        var timeline = Timeline(await _host.ClientFor("fr-approver").GetRequestAsync(id));
        Assert.Single(timeline, action => action == "sms-delivered");
    }

    [Fact]
    public async Task A_failure_report_repeated_escalates_once()
    {
        var (id, reference) = await FileAndApproveFirstStageAsync();
        var page = await SmsToAsync(FrFirst, reference);

        for (var i = 0; i < 2; i++)
        {
            using var report = await _twilio.ReportStatusAsync(page, "undelivered", errorCode: 30003, appBaseUrl: _host.BaseAddress);
            await Api.ExpectAsync(report, HttpStatusCode.NoContent);
        }

        await SmsToAsync(FrSecond, reference);
        await Task.Delay(500);
        Assert.Single(_twilio.Messages, m => m.To == FrSecond.Mobile);
        var timeline = Timeline(await _host.ClientFor("fr-approver").GetRequestAsync(id));
        Assert.Single(timeline, action => action == "sms-undelivered");
        Assert.Single(timeline, action => action == "notice-escalated");
    }

    /// <summary>A request approved on both sides whose coordinator asked one responder for one capability; waits for the offer's SMS.</summary>
    private async Task<(string Id, string Reference)> DispatchedAsync(Person responder, string capability)
    {
        var (id, reference) = await FileAndApproveFirstStageAsync();
        await _host.ClientFor("fr-approver").DecideAsync(id, "approve");
        using var dispatch = await _host.ClientFor("fr-coordinator").PostJsonAsync($"/api/requests/{id}/dispatch", new JsonObject
        {
            ["meetingPoint"] = "Base de sécurité civile de Nîmes-Garons",
            ["reportAt"] = _clock.GetUtcNow().AddHours(3).ToString("O"),
            ["offers"] = new JsonArray { new JsonObject { ["personId"] = responder.PersonId, ["capability"] = capability } },
        });
        await Api.ExpectAsync(dispatch, HttpStatusCode.OK);
        await SmsToAsync(responder, reference);
        return (id, reference);
    }

    /// <summary>Sends a reply (again, given the message SID of an earlier one) and returns the TwiML it was answered with.</summary>
    private async Task<string> ReplyTextAsync(Person from, string body, string messageSid)
    {
        using var reply = await _twilio.SendInboundAsync(_host.BaseAddress, _host.BaseAddress, from.Mobile, body, messageSid: messageSid);
        await Api.ExpectAsync(reply, HttpStatusCode.OK);
        return await reply.Content.ReadAsStringAsync();
    }

    private static List<string> Timeline(JsonObject view) => view["timeline"]!.AsArray().Select(e => (string)e!["action"]!).ToList();

    // The timeline without its SMS delivery lines (sent, delivered, withdrawn), which come in on their own time
    // whatever the replies do.
    private static List<string> Changes(JsonObject view) => Timeline(view).Where(action => !action.StartsWith("sms-", StringComparison.Ordinal)).ToList();
}
