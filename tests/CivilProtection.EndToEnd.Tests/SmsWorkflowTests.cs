using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CivilProtection.Application.Rosters;
using CivilProtection.Domain.Rosters;
using CivilProtection.Testing;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// Paging and dispatch by SMS, end to end over HTTP: the local host sends through Twilio's REST API (a fake on
/// loopback that checks every request), replies and status reports come back as signed webhooks, and time is a
/// fake clock, so escalation deadlines pass when the test says so.
/// </summary>
public sealed partial class SmsWorkflowTests : IAsyncLifetime
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
    private static readonly DateTimeZone Casablanca = DateTimeZoneProviders.Tzdb["Africa/Casablanca"];
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private FakeTwilio _twilio = null!;
    private TestHost _host = null!;

    private static readonly Person MaValidator = new("t-ma-val", "Salma Validatrice", "+212661000291", "fr", "MA-DGPC", ["approver"], []);
    private static readonly Person FrFirst = new("t-fr-acc-1", "Julien Premier", "+33612000291", "fr", "FR-DGSCGC", ["approver"], []);
    private static readonly Person FrSecond = new("t-fr-acc-2", "Isabelle Seconde", "+33612000292", "en", "FR-DGSCGC", ["approver"], []);
    private static readonly Person FrOperations = new("t-fr-ops", "Antoine Opérations", "+33612000293", "fr", "FR-DGSCGC", ["duty-officer"], []);
    private static readonly Person Pumper = new("t-resp-pump", "Nicolas Pompe", "+33612000294", "fr", "FR-DGSCGC", ["responder"], ["high-capacity-pumping"]);
    private static readonly Person Boater = new("t-resp-boat", "Émilie Bateau", "+33612000295", "fr", "FR-DGSCGC", ["responder"], ["flood-rescue-boats"]);

    public async Task InitializeAsync()
    {
        // Counting its storage calls, for what a report costs (SmsWorkflowTests.Costs.cs); the others do not look.
        (_twilio, _host) = await FakeTwilioHost.StartAsync(_clock, extra: new Dictionary<string, string?> { ["CivilProtection:CountCalls"] = "true" });
        await FakeTwilioHost.OnCallAsync(_host, _clock, [MaValidator, FrFirst, FrSecond, FrOperations, Pumper, Boater],
            ("MA-DGPC", "validation", Casablanca, [(MaValidator, 1)]),
            ("FR-DGSCGC", "acceptance", Paris, [(FrFirst, 1), (FrSecond, 2)]),
            ("FR-DGSCGC", "operations", Paris, [(FrOperations, 1)]));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _twilio.DisposeAsync();
    }

    [Fact]
    public async Task An_unacknowledged_notice_escalates_to_tier_two_whose_OK_reply_acknowledges_it()
    {
        var (id, reference) = await FileAndApproveFirstStageAsync();

        var first = await SmsToAsync(FrFirst, reference);
        var code = AckCode().Match(first.Body).Groups["code"].Value;
        Assert.Matches(@"^\d{4}$", code);
        Assert.Contains("/#/requests/" + id, first.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(_twilio.Messages, m => m.To == FrSecond.Mobile);

        // Nobody answers within the five minutes a life-safety notice allows: tier 2 is paged.
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var second = await SmsToAsync(FrSecond, reference);
        Assert.Contains(code, second.Body, StringComparison.Ordinal);

        // Tier 2 answers as people do: lower case, Arabic-Indic digits.
        using var reply = await _twilio.SendInboundAsync(_host.BaseAddress, _host.BaseAddress, FrSecond.Mobile, "ok " + ToArabicDigits(code));
        await Api.ExpectAsync(reply, HttpStatusCode.OK);
        Assert.Contains("<Response", await reply.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var notice = await WaitForAsync(id, "fr-approver", v => v["notices"]!.AsArray().FirstOrDefault(n => (int?)n!["stageIndex"] == 1 && (string)n["status"]! == "acknowledged"));
        Assert.Equal(FrSecond.PersonId, (string)notice["acknowledgedBy"]!);
        Assert.Equal("sms", (string)notice["acknowledgedVia"]!);
        await SmsToAsync(FrSecond, reference, nth: 2);
        var timeline = (await _host.ClientFor("fr-approver").GetRequestAsync(id))["timeline"]!.AsArray().Select(e => (string)e!["action"]!).ToList();
        Assert.Contains("notice-escalated", timeline);
        Assert.Contains("notice-acknowledged", timeline);

        // Acknowledged: however long nobody else answers, nobody else is paged for it.
        var pagedBefore = _twilio.Messages.Count(m => m.Body.Contains(reference, StringComparison.Ordinal));
        _clock.Advance(TimeSpan.FromMinutes(30));
        await Task.Delay(1500);
        Assert.Equal(pagedBefore, _twilio.Messages.Count(m => m.Body.Contains(reference, StringComparison.Ordinal)));
        Assert.Empty(_twilio.Violations);
        Assert.Equal(0, _twilio.Duplicates);
    }

    [Fact]
    public async Task A_failed_SMS_escalates_at_once_without_waiting_for_the_deadline()
    {
        var (_, reference) = await FileAndApproveFirstStageAsync();
        var first = await SmsToAsync(FrFirst, reference);

        using var report = await _twilio.ReportStatusAsync(first, "undelivered", errorCode: 30003, appBaseUrl: _host.BaseAddress);
        Assert.True(report.IsSuccessStatusCode, $"status callback answered {(int)report.StatusCode}");

        await SmsToAsync(FrSecond, reference);
        Assert.Empty(_twilio.Violations);
    }

    [Fact]
    public async Task After_approval_the_operations_desk_is_paged_and_responders_accept_decline_or_stay_silent_until_dispatched()
    {
        var (id, reference) = await FileAndApproveFirstStageAsync();
        // The acceptance stage's page is valid until its escalation step: a life-safety tier has 5 minutes.
        Assert.Equal(5 * 60, (await SmsToAsync(FrFirst, reference)).ValidityPeriod);
        await _host.ClientFor("fr-approver").DecideAsync(id, "approve");
        await SmsToAsync(FrOperations, reference);

        var coordinator = _host.ClientFor("fr-coordinator");
        var reportAt = _clock.GetUtcNow().AddHours(3);
        using (var dispatch = await coordinator.PostJsonAsync($"/api/requests/{id}/dispatch", new JsonObject
        {
            ["meetingPoint"] = "Base de sécurité civile de Nîmes-Garons",
            ["reportAt"] = reportAt.ToString("O"),
            ["offers"] = new JsonArray
            {
                new JsonObject { ["personId"] = Pumper.PersonId, ["capability"] = "high-capacity-pumping" },
                new JsonObject { ["personId"] = Boater.PersonId, ["capability"] = "flood-rescue-boats" },
            },
        }))
        {
            await Api.ExpectAsync(dispatch, HttpStatusCode.OK);
        }
        var offerSms = await SmsToAsync(Pumper, reference);
        // Valid for the offer's answer window (15 minutes; the clock is frozen), so it cannot arrive after the next candidate was asked.
        Assert.Equal(15 * 60, offerSms.ValidityPeriod);
        var offer = offerSms.Body;
        Assert.Contains("Nîmes-Garons", offer, StringComparison.Ordinal);
        // A responder of the French authority reads the time on the Paris clock, named, whatever Morocco's says.
        var paris = NodaTime.Instant.FromDateTimeOffset(reportAt).InZone(NodaTime.DateTimeZoneProviders.Tzdb["Europe/Paris"]).LocalDateTime;
        Assert.Contains(paris.ToString("dd/MM HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " (heure de Paris)", offer, StringComparison.Ordinal);
        await SmsToAsync(Boater, reference);

        // The pumper accepts in French; the boat crew declines: the next available boat crew is asked.
        await ReplyAsync(Pumper, "OUI");
        await WaitForAsync(id, "fr-coordinator", v => Offers(v, "high-capacity-pumping").SingleOrDefault(o => (string)o["status"]! == "accepted"));
        await ReplyAsync(Boater, "2");
        var afterDecline = await WaitForAsync(id, "fr-coordinator", v => Offers(v, "flood-rescue-boats").Count >= 2 ? v : null);
        var next = Offers(afterDecline, "flood-rescue-boats").Single(o => (string)o["status"]! == "asked");

        // That one stays silent past the answer deadline: marked silent, and another is asked.
        _clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var afterSilence = await WaitForAsync(id, "fr-coordinator", v => Offers(v, "flood-rescue-boats").Count >= 3 ? v : null);
        Assert.Equal("silent", (string)Offers(afterSilence, "flood-rescue-boats").Single(o => (string)o["personId"]! == (string)next["personId"]!)["status"]!);
        var third = Offers(afterSilence, "flood-rescue-boats").Single(o => (string)o["status"]! == "asked");

        // The third answers in Arabic: every capability is covered, the request is dispatched.
        var thirdPerson = (await _host.Service<IPeople>().FindAsync((string)third["personId"]!, CancellationToken.None))!;
        await SmsToAsync(thirdPerson, reference);
        await ReplyAsync(thirdPerson, "نعم");
        var dispatched = await WaitForAsync(id, "fr-coordinator", v => (string)v["status"]! == "dispatched" ? v : null);
        var boats = dispatched["dispatch"]!["coverage"]!.AsArray().Single(c => (string)c!["capability"]! == "flood-rescue-boats")!;
        Assert.Equal((1, 1, 1, 1), ((int)boats["needed"]!, (int)boats["accepted"]!, (int)boats["declined"]!, (int)boats["silent"]!));
        Assert.Contains("dispatched", Api.Actions(dispatched));

        using (var close = await coordinator.PostJsonAsync($"/api/requests/{id}/closure", new JsonObject { ["comment"] = "Mission terminée" }))
        {
            await Api.ExpectAsync(close, HttpStatusCode.OK);
        }
        Assert.Equal("closed", (string)(await coordinator.GetRequestAsync(id))["status"]!);
        Assert.Empty(_twilio.Violations);
        Assert.Equal(0, _twilio.Duplicates);
    }

    [Fact]
    public async Task Only_the_assisting_side_coordinators_dispatch()
    {
        var (id, _) = await FileAndApproveFirstStageAsync();
        await _host.ClientFor("fr-approver").DecideAsync(id, "approve");
        var offer = new JsonObject
        {
            ["meetingPoint"] = "Rabat",
            ["reportAt"] = _clock.GetUtcNow().AddHours(3).ToString("O"),
            ["offers"] = new JsonArray { new JsonObject { ["personId"] = Pumper.PersonId, ["capability"] = "high-capacity-pumping" } },
        };
        foreach (var user in new[] { "ma-coordinator", "fr-approver", "fr-duty" })
        {
            using var refused = await _host.ClientFor(user).PostJsonAsync($"/api/requests/{id}/dispatch", offer);
            await Api.ProblemAsync(refused, HttpStatusCode.Forbidden);
        }
        Assert.DoesNotContain(_twilio.Messages, m => m.To == Pumper.Mobile);
    }

    private async Task<(string Id, string Reference)> FileAndApproveFirstStageAsync()
    {
        var form = RequestSamples.Flood();
        form["capabilities"] = new JsonArray
        {
            new JsonObject { ["code"] = "high-capacity-pumping", ["quantity"] = 1 },
            new JsonObject { ["code"] = "flood-rescue-boats", ["quantity"] = 1 },
        };
        var filed = await _host.ClientFor("ma-duty").FileAsync(form);
        var id = Api.Id(filed);
        var reference = (string)filed["reference"]!;
        await SmsToAsync(MaValidator, reference);
        await _host.ClientFor("ma-approver").DecideAsync(id, "approve");
        return (id, reference);
    }

    private Task ReplyAsync(Person from, string body) => Steps.ReplyAsync(from, body);

    /// <summary>Waits for the <paramref name="nth"/> SMS Twilio received for this person about this request.</summary>
    private Task<FakeTwilioMessage> SmsToAsync(Person person, string reference, int nth = 1) => Steps.SmsToAsync(person, reference, nth);

    private Task<JsonObject> WaitForAsync(string id, string user, Func<JsonObject, JsonNode?> until) => Steps.WaitForAsync(id, user, until);

    private SmsSteps Steps => new(_twilio, _host);

    private static List<JsonObject> Offers(JsonObject view, string capability) =>
        view["dispatch"]?["offers"]?.AsArray().OfType<JsonObject>().Where(o => (string)o["capability"]! == capability).ToList() ?? [];

    private static string ToArabicDigits(string digits) => new(digits.Select(c => (char)('\u0660' + (c - '0'))).ToArray());

    [GeneratedRegex(@"OK (?<code>\d{4})")]
    private static partial Regex AckCode();
}
