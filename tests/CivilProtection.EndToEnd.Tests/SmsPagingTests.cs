using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CivilProtection.Domain.Rosters;
using CivilProtection.Testing;
using NodaTime;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// Paging by SMS on either host in real time: notices go out through the fake Twilio, a signed OK reply acknowledges
/// one, and a failure report escalates at once. (The escalation deadlines, which need a fake clock in the host's
/// process, are proved on the local host by <see cref="SmsWorkflowTests"/>.)
/// </summary>
public abstract partial class SmsPagingTests<THost>(SmsHostFixture<THost> fixture) where THost : IHostKind
{
    [Fact]
    public async Task The_next_stage_s_on_call_approver_is_paged_and_their_signed_OK_reply_acknowledges_the_notice()
    {
        var (id, reference) = await FileAndApproveFirstStageAsync();
        var page = await fixture.SmsToAsync(SmsHostFixture<THost>.FrFirst, reference);
        var code = AckCode().Match(page.Body).Groups["code"].Value;
        Assert.Matches(@"^\d{4}$", code);

        using var reply = await fixture.Twilio.SendInboundAsync(fixture.Host.BaseAddress, fixture.Host.BaseAddress, SmsHostFixture<THost>.FrFirst.Mobile, "OK " + code);
        await Api.ExpectAsync(reply, HttpStatusCode.OK);
        Assert.Contains("<Response", await reply.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var notice = await WaitForNoticeAsync(id, n => (int?)n["stageIndex"] == 1 && (string)n["status"]! == "acknowledged");
        Assert.Equal(SmsHostFixture<THost>.FrFirst.PersonId, (string)notice["acknowledgedBy"]!);
        Assert.Equal("sms", (string)notice["acknowledgedVia"]!);
        Assert.Empty(fixture.Twilio.Violations);
    }

    [Fact]
    public async Task A_failed_SMS_pages_the_next_tier_at_once()
    {
        var (_, reference) = await FileAndApproveFirstStageAsync();
        var first = await fixture.SmsToAsync(SmsHostFixture<THost>.FrFirst, reference);

        using var report = await fixture.Twilio.ReportStatusAsync(first, "undelivered", errorCode: 30003, appBaseUrl: fixture.Host.BaseAddress);
        Assert.True(report.IsSuccessStatusCode, $"status callback answered {(int)report.StatusCode}");

        await fixture.SmsToAsync(SmsHostFixture<THost>.FrSecond, reference);
        Assert.Empty(fixture.Twilio.Violations);
    }

    [Fact]
    public async Task A_webhook_without_Twilio_s_signature_is_refused()
    {
        using var forged = await fixture.Twilio.PostSignedAsync(new Uri(fixture.Host.BaseAddress, "/api/sms/inbound"), new Uri(fixture.Host.BaseAddress, "/api/sms/inbound").AbsoluteUri,
            [new("From", SmsHostFixture<THost>.FrFirst.Mobile), new("Body", "OK 1234"), new("MessageSid", FakeTwilio.NewMessageSid())], authToken: "not-the-token");

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    private async Task<(string Id, string Reference)> FileAndApproveFirstStageAsync()
    {
        var filed = await fixture.Host.ClientFor("ma-duty").FileAsync(RequestSamples.Flood());
        var id = Api.Id(filed);
        var reference = (string)filed["reference"]!;
        await fixture.SmsToAsync(SmsHostFixture<THost>.MaValidator, reference);
        await fixture.Host.ClientFor("ma-approver").DecideAsync(id, "approve");
        return (id, reference);
    }

    private async Task<JsonObject> WaitForNoticeAsync(string id, Func<JsonObject, bool> matches)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        using var client = fixture.Host.ClientFor("fr-approver");
        while (true)
        {
            var view = await client.GetRequestAsync(id);
            if (view["notices"]!.AsArray().OfType<JsonObject>().FirstOrDefault(matches) is { } notice)
            {
                return notice;
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"No such notice on {id} on the {fixture.Host.Kind}: {view["notices"]!.ToJsonString()}");
            }
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"OK (?<code>\d{4})")]
    private static partial Regex AckCode();
}

public sealed class SmsPagingTestsOnLocalHost(SmsHostFixture<OnLocalHost> fixture) : SmsPagingTests<OnLocalHost>(fixture), IClassFixture<SmsHostFixture<OnLocalHost>>;

public sealed class SmsPagingTestsOnFunctionsApp(SmsHostFixture<OnFunctionsApp> fixture) : SmsPagingTests<OnFunctionsApp>(fixture), IClassFixture<SmsHostFixture<OnFunctionsApp>>;

/// <summary>A fake Twilio and a host of the given kind pointed at it, its public URL its own address, with on-call rosters for paging.</summary>
public sealed class SmsHostFixture<THost> : IAsyncLifetime where THost : IHostKind
{
    public static readonly Person MaValidator = new("t-ma-val", "Salma Validatrice", "+212661000391", "fr", "MA-DGPC", ["approver"], []);
    public static readonly Person FrFirst = new("t-fr-acc-1", "Julien Premier", "+33612000391", "fr", "FR-DGSCGC", ["approver"], []);
    public static readonly Person FrSecond = new("t-fr-acc-2", "Isabelle Seconde", "+33612000392", "en", "FR-DGSCGC", ["approver"], []);

    public FakeTwilio Twilio { get; private set; } = null!;

    public IAppHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Twilio = await FakeTwilio.StartAsync();
        var port = Azurite.FreePort();
        Host = await THost.StartAsync(new HostStart(Settings: Twilio.Settings(new Uri($"http://127.0.0.1:{port}/")), Port: port));
        await FakeTwilioHost.OnCallAsync(Host, TimeProvider.System, [MaValidator, FrFirst, FrSecond],
            ("MA-DGPC", "validation", DateTimeZoneProviders.Tzdb["Africa/Casablanca"], [(MaValidator, 1)]),
            ("FR-DGSCGC", "acceptance", DateTimeZoneProviders.Tzdb["Europe/Paris"], [(FrFirst, 1), (FrSecond, 2)]));
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Twilio.DisposeAsync();
    }

    /// <summary>Waits for the first SMS Twilio received for this person about this request.</summary>
    public async Task<FakeTwilioMessage> SmsToAsync(Person person, string reference)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            if (Twilio.Messages.FirstOrDefault(m => m.To == person.Mobile && m.Body.Contains(reference, StringComparison.Ordinal)) is { } message)
            {
                return message;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No SMS to {person.Name} about {reference} from the {Host.Kind}; Twilio received {Twilio.Messages.Count} messages.");
    }
}
