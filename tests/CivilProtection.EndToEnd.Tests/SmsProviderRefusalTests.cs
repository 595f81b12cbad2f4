using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CivilProtection.Domain.Rosters;
using CivilProtection.Testing;
using NodaTime;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// Twilio refuses our account or sender (21606: the sender may not send there), not the person: end to end over
/// HTTP against the fake Twilio, the health turns degraded, the admins are alerted once (a call rings them, as their
/// SMS would be refused too), the page rings its person instead, and the first accepted send closes the incident.
/// </summary>
public sealed class SmsProviderRefusalTests : IAsyncLifetime
{
    private static readonly DateTimeZone Casablanca = DateTimeZoneProviders.Tzdb["Africa/Casablanca"];
    private FakeTwilio _twilio = null!;
    private TestHost _host = null!;

    private static readonly Person Validator = new("t-refusal-val", "Salma Validatrice", "+212661000491", "fr", "MA-DGPC", ["approver"], []);
    private static readonly Person Admin = new("t-refusal-admin", "Karim Admin", "+212661000492", "ar", "MA-DGPC", ["admin"], []);

    public async Task InitializeAsync()
    {
        (_twilio, _host) = await FakeTwilioHost.StartAsync(withVoice: true);
        await FakeTwilioHost.OnCallAsync(_host, TimeProvider.System, [Validator, Admin], ("MA-DGPC", "validation", Casablanca, [(Validator, 1)]));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _twilio.DisposeAsync();
    }

    [Fact]
    public async Task A_refused_account_degrades_the_health_alerts_the_admins_once_rings_the_page_and_recovers()
    {
        Assert.Equal("ok", (string)(await HealthAsync())["sms"]!);
        _twilio.AnswerNext(FakeTwilioAnswer.Error(400, 21606), times: 10_000);

        var first = await FileAsync();
        var health = await UntilAsync(HealthAsync, h => (string)h["sms"]! == "degraded");
        Assert.Equal("degraded", (string)health["status"]!);
        Assert.Equal(21606, (int)health["smsErrorCode"]!);

        // The page rings its person instead, and the admin is rung, in Arabic, with nothing to press.
        var pageCall = await CallToAsync(Validator);
        var adminCall = await CallToAsync(Admin);
        var adminTwiml = await _twilio.AnswerCallAsync(adminCall, _host.BaseAddress);
        Assert.Contains("21606", adminTwiml, StringComparison.Ordinal);
        Assert.Contains("language=\"arb\"", adminTwiml, StringComparison.Ordinal);
        Assert.DoesNotContain("<Gather", adminTwiml, StringComparison.Ordinal);
        var pageTwiml = await _twilio.AnswerCallAsync(pageCall, _host.BaseAddress);
        Assert.Contains("<Gather", pageTwiml, StringComparison.Ordinal);

        // A second refused page changes nothing for the admins: one alert per incident.
        var second = await FileAsync();
        await UntilAsync(() => TimelineAsync(second), t => t.Contains("notice-called"));
        Assert.Single(_twilio.Calls, c => c.To == Admin.Mobile);
        Assert.Single(await TimelineAsync(first), a => a == "sms-provider-refused");
        Assert.DoesNotContain("sms-provider-refused", await TimelineAsync(second));
        Assert.Empty(_twilio.Messages);

        // Twilio takes our SMS again: the next accepted send closes the incident.
        _twilio.ClearAnswers();
        await FileAsync();
        await UntilAsync(() => Task.FromResult(_twilio.Messages.Count), n => n > 0);
        health = await UntilAsync(HealthAsync, h => (string)h["sms"]! == "ok");
        Assert.Null(health["smsErrorCode"]);
        Assert.Empty(_twilio.Violations);
    }

    private async Task<string> FileAsync()
    {
        var filed = await _host.ClientFor("ma-duty").FileAsync(RequestSamples.Flood());
        return Api.Id(filed);
    }

    private async Task<JsonObject> HealthAsync()
    {
        using var client = new HttpClient { BaseAddress = _host.BaseAddress };
        return (await client.GetFromJsonAsync<JsonObject>("/api/health"))!;
    }

    private async Task<List<string>> TimelineAsync(string id) =>
        (await _host.ClientFor("ma-approver").GetRequestAsync(id))["timeline"]!.AsArray().Select(e => (string)e!["action"]!).ToList();

    private async Task<FakeTwilioCall> CallToAsync(Person person) =>
        (await UntilAsync(() => Task.FromResult(_twilio.Calls.FirstOrDefault(c => c.To == person.Mobile)), c => c is not null))!;

    private static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Never reached the expected state; last seen: {value}");
            }
            await Task.Delay(100);
        }
    }
}
