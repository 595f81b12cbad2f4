using System.Net;
using System.Text.Json.Nodes;
using CivilProtection.Domain.Rosters;
using CivilProtection.Testing;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// A life-safety notice nobody acknowledged after a round of SMS also rings, end to end over HTTP: the local host
/// places the call through Twilio's Calls API (the fake on loopback, which checks each request), and the fake plays
/// Twilio's side of the call: fetching the TwiML when answered, posting the key pressed and the call's progress,
/// each signed as Twilio signs.
/// </summary>
public sealed class VoiceCallTests : IAsyncLifetime
{
    private static readonly DateTimeZone Casablanca = DateTimeZoneProviders.Tzdb["Africa/Casablanca"];
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private FakeTwilio _twilio = null!;
    private TestHost _host = null!;

    private static readonly Person MaValidator = new("t-voice-ma", "Salma Validatrice", "+212661000391", "fr", "MA-DGPC", ["approver"], []);
    private static readonly Person FrApprover = new("t-voice-fr", "Isabelle Seconde", "+33612000391", "en", "FR-DGSCGC", ["approver"], []);
    private static readonly Person FrOperations = new("t-voice-ops", "Antoine Opérations", "+33612000393", "fr", "FR-DGSCGC", ["duty-officer"], []);

    public async Task InitializeAsync()
    {
        (_twilio, _host) = await FakeTwilioHost.StartAsync(_clock, withVoice: true);
        await FakeTwilioHost.OnCallAsync(_host, _clock, [MaValidator, FrApprover, FrOperations],
            ("MA-DGPC", "validation", Casablanca, [(MaValidator, 1)]), ("FR-DGSCGC", "acceptance", Paris, [(FrApprover, 1)]), ("FR-DGSCGC", "operations", Paris, [(FrOperations, 1)]));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _twilio.DisposeAsync();
    }

    [Fact]
    public async Task After_a_round_of_SMS_the_on_call_person_is_called_and_pressing_1_acknowledges_once()
    {
        var (id, reference) = await FileAsync("life-safety");
        await SmsToAsync(MaValidator, reference, nth: 1);
        Assert.Empty(_twilio.Calls);

        // Five minutes without an acknowledgement end the first (and only tier's) round: the second pages and rings.
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await SmsToAsync(MaValidator, reference, nth: 2);
        var call = await CallToAsync(MaValidator);
        Assert.Equal(45, call.Timeout);
        Assert.Empty(call.StatusCallbackEvents); // Twilio's default: the final status only

        var prompt = await _twilio.AnswerCallAsync(call, _host.BaseAddress);
        Assert.Contains("<Gather input=\"dtmf\" numDigits=\"1\"", prompt, StringComparison.Ordinal);
        Assert.Contains("voice=\"Polly.Lea\" language=\"fr-FR\"", prompt, StringComparison.Ordinal);
        Assert.Contains($"La demande {reference}", prompt, StringComparison.Ordinal);
        Assert.Contains("Appuyez sur 1 pour accuser réception.", prompt, StringComparison.Ordinal);

        var pressed = await _twilio.PressAsync(call, prompt, "1", _host.BaseAddress);
        Assert.Contains($"Votre accusé de réception de la demande {reference} est enregistré", pressed, StringComparison.Ordinal);
        Assert.DoesNotContain("<Gather", pressed, StringComparison.Ordinal);
        var notice = await WaitForNoticeAsync(id, "ma-approver", "acknowledged");
        Assert.Equal(MaValidator.PersonId, (string)notice["acknowledgedBy"]!);
        Assert.Equal("voice", (string)notice["acknowledgedVia"]!);
        var acknowledgedAt = (string)notice["acknowledgedAt"]!;

        // Twilio posts the same key again (a retried webhook): answered alike, nothing changes.
        var again = await _twilio.PressAsync(call, prompt, "1", _host.BaseAddress);
        Assert.Equal(pressed, again);
        using (var completed = await _twilio.ReportCallStatusAsync(call, "completed", _host.BaseAddress))
        {
            await Api.ExpectAsync(completed, HttpStatusCode.NoContent);
        }
        var view = await _host.ClientFor("ma-approver").GetRequestAsync(id);
        var timeline = view["timeline"]!.AsArray().Select(e => (string)e!["action"]!).ToList();
        Assert.Single(timeline, a => a == "notice-acknowledged");
        Assert.Contains("notice-called", timeline);
        Assert.Contains("call-answered", timeline);
        Assert.Equal(acknowledgedAt, (string)(await WaitForNoticeAsync(id, "ma-approver", "acknowledged"))["acknowledgedAt"]!);
        // The acknowledgement by call is not confirmed by an SMS as well: the call said it.
        Assert.Equal(2, _twilio.Messages.Count(m => m.To == MaValidator.Mobile));
        Assert.Single(_twilio.Calls);
        Assert.Empty(_twilio.Violations);
    }

    [Fact]
    public async Task A_call_answered_after_someone_acknowledged_by_SMS_says_so_and_waits_for_no_key()
    {
        var (_, reference) = await FileAsync("life-safety");
        var first = await SmsToAsync(MaValidator, reference, nth: 1);
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var call = await CallToAsync(MaValidator);

        var code = System.Text.RegularExpressions.Regex.Match(first.Body, @"OK (\d{4})").Groups[1].Value;
        using (var reply = await _twilio.SendInboundAsync(_host.BaseAddress, _host.BaseAddress, MaValidator.Mobile, "OK " + code))
        {
            await Api.ExpectAsync(reply, HttpStatusCode.OK);
        }

        var prompt = await _twilio.AnswerCallAsync(call, _host.BaseAddress);
        Assert.DoesNotContain("<Gather", prompt, StringComparison.Ordinal);
        Assert.Contains($"déjà été prise en compte par {MaValidator.Name}", prompt, StringComparison.Ordinal);
        Assert.Contains("<Hangup />", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unanswered_call_goes_on_the_timeline_and_the_notice_stays_open()
    {
        var (id, reference) = await FileAsync("life-safety");
        await SmsToAsync(MaValidator, reference, nth: 1);
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var call = await CallToAsync(MaValidator);

        using (var noAnswer = await _twilio.ReportCallStatusAsync(call, "no-answer", _host.BaseAddress))
        {
            await Api.ExpectAsync(noAnswer, HttpStatusCode.NoContent);
        }
        using (var late = await _twilio.ReportCallStatusAsync(call, "ringing", _host.BaseAddress))
        {
            await Api.ExpectAsync(late, HttpStatusCode.NoContent);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<string> timeline;
        do
        {
            var view = await _host.ClientFor("ma-approver").GetRequestAsync(id);
            timeline = view["timeline"]!.AsArray().Select(e => (string)e!["action"]!).ToList();
            Assert.Equal("open", (string)view["notices"]!.AsArray().Single(n => (int?)n!["stageIndex"] == 0)!["status"]!);
        }
        while (!timeline.Contains("call-unanswered") && DateTime.UtcNow < deadline && await Delay());
        Assert.Single(timeline, a => a == "call-unanswered");
        Assert.DoesNotContain("call-answered", timeline);
    }

    [Fact]
    public async Task An_urgent_notice_only_pages_by_SMS_whatever_the_round()
    {
        var (id, reference) = await FileAsync("urgent");
        await SmsToAsync(MaValidator, reference, nth: 1);
        _clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        await SmsToAsync(MaValidator, reference, nth: 2);

        // The second round's SMS is out, so the change that paged it is committed: a call would have been asked for
        // in that same transaction, with its "notice-called" line.
        var timeline = (await _host.ClientFor("ma-approver").GetRequestAsync(id))["timeline"]!.AsArray().Select(e => (string)e!["action"]!).ToList();
        Assert.Equal(2, timeline.Count(a => a == "notice-sent"));
        Assert.DoesNotContain("notice-called", timeline);
        Assert.Empty(_twilio.Calls);
    }

    [Fact]
    public async Task The_voice_webhooks_refuse_what_Twilio_did_not_sign()
    {
        foreach (var path in new[] { "/api/voice/prompt?call=x", "/api/voice/gather?call=x", "/api/voice/status?call=x" })
        {
            var form = new List<KeyValuePair<string, string>> { new("CallSid", "CA" + new string('0', 32)), new("CallStatus", "completed"), new("Digits", "1") };
            using var unsigned = await _twilio.PostSignedAsync(new Uri(_host.BaseAddress, path), new Uri(_host.BaseAddress, path).AbsoluteUri, form, authToken: null);
            await Api.ProblemAsync(unsigned, HttpStatusCode.Forbidden);
            using var forged = await _twilio.PostSignedAsync(new Uri(_host.BaseAddress, path), new Uri(_host.BaseAddress, path).AbsoluteUri, form, authToken: "not-the-token");
            await Api.ProblemAsync(forged, HttpStatusCode.Forbidden);
        }
    }

    private async Task<(string Id, string Reference)> FileAsync(string urgency)
    {
        var filed = await _host.ClientFor("ma-duty").FileAsync(RequestSamples.Flood(urgency: urgency));
        return (Api.Id(filed), (string)filed["reference"]!);
    }

    private async Task<FakeTwilioMessage> SmsToAsync(Person person, string reference, int nth)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            var about = _twilio.Messages.Where(m => m.To == person.Mobile && m.Body.Contains(reference, StringComparison.Ordinal)).ToList();
            if (about.Count >= nth)
            {
                return about[nth - 1];
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No SMS #{nth} to {person.Name} about {reference}; Twilio received: {string.Join(" | ", _twilio.Messages.Select(m => m.To + ": " + m.Body))}");
    }

    private async Task<FakeTwilioCall> CallToAsync(Person person)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            if (_twilio.Calls.FirstOrDefault(c => c.To == person.Mobile) is { } call)
            {
                return call;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No call to {person.Name}; violations: {string.Join(" | ", _twilio.Violations)}");
    }

    private async Task<JsonObject> WaitForNoticeAsync(string id, string user, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var view = await _host.ClientFor(user).GetRequestAsync(id);
            if (view["notices"]!.AsArray().OfType<JsonObject>().FirstOrDefault(n => (int?)n["stageIndex"] == 0 && (string)n["status"]! == status) is { } notice)
            {
                return notice;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The notice of {id} never became {status}: {view.ToJsonString()}");
            }
            await Task.Delay(100);
        }
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(100);
        return true;
    }
}
