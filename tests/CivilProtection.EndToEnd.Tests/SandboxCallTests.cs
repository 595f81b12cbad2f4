using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CivilProtection.Application.Sms;
using CivilProtection.Domain.Rosters;
using CivilProtection.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// The local default (Development, no Twilio account): a life-safety notice's call rings the sandbox's thread of the
/// number, says its prompt there, and a key pressed on the sandbox page acknowledges, through the app's real signed
/// voice webhooks.
/// </summary>
public sealed class SandboxCallTests : IAsyncLifetime
{
    private static readonly DateTimeZone Casablanca = DateTimeZoneProviders.Tzdb["Africa/Casablanca"];
    private static readonly Person Validator = new("t-sandbox-call", "Salma Validatrice", "+212661000691", "fr", "MA-DGPC", ["approver"], []);
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(configure: b => b.Services.AddSingleton<TimeProvider>(_clock));
        await FakeTwilioHost.OnCallAsync(_host, _clock, [Validator], ("MA-DGPC", "validation", Casablanca, [(Validator, 1)]));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_call_rings_the_sandbox_and_pressing_1_there_acknowledges()
    {
        var filed = await _host.ClientFor("ma-duty").FileAsync(RequestSamples.Flood());
        var id = Api.Id(filed);
        var reference = (string)filed["reference"]!;
        await UntilAsync(async () => (await ThreadAsync()).Any(m => m.Direction == SandboxDirections.Outbound && m.Body.Contains(reference, StringComparison.Ordinal)));

        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await UntilAsync(async () => (await ThreadAsync()).Any(m => m.Direction == SandboxDirections.Call && m.Status == "in-progress"));
        var ringing = (await ThreadAsync()).Last(m => m.Direction == SandboxDirections.Call);
        Assert.Contains($"La demande {reference}", ringing.Body, StringComparison.Ordinal);
        Assert.Contains("Appuyez sur 1", ringing.Body, StringComparison.Ordinal);

        using var client = _host.ClientFor(null);
        using (var pressed = await client.PostAsJsonAsync(PressUrl, new { digits = "1" }))
        {
            await Api.ExpectAsync(pressed, HttpStatusCode.NoContent);
        }
        var answer = (await ThreadAsync()).Last(m => m.Direction == SandboxDirections.Call);
        Assert.Equal("completed", answer.Status);
        Assert.Contains($"Votre accusé de réception de la demande {reference} est enregistré", answer.Body, StringComparison.Ordinal);
        var notice = (await _host.ClientFor("ma-approver").GetRequestAsync(id))["notices"]!.AsArray().OfType<JsonObject>().Single(n => (int?)n["stageIndex"] == 0);
        Assert.Equal("acknowledged", (string)notice["status"]!);
        Assert.Equal("voice", (string)notice["acknowledgedVia"]!);

        // Nothing waits for a key any more; and a key must be one of a keypad's.
        using (var again = await client.PostAsJsonAsync(PressUrl, new { digits = "1" }))
        {
            Assert.Contains("phone", (await Api.ProblemAsync(again, HttpStatusCode.BadRequest)).ToJsonString(), StringComparison.Ordinal);
        }
        using (var bad = await client.PostAsJsonAsync(PressUrl, new { digits = "x" }))
        {
            Assert.Contains("digits", (await Api.ProblemAsync(bad, HttpStatusCode.BadRequest)).ToJsonString(), StringComparison.Ordinal);
        }
    }

    private static string PressUrl => $"/api/dev/sms-sandbox/{Uri.EscapeDataString(Validator.Mobile)}/press";

    private async Task<List<SandboxMessage>> ThreadAsync()
    {
        using var client = _host.ClientFor(null);
        return (await client.GetFromJsonAsync<List<SandboxMessage>>($"/api/dev/sms-sandbox/{Uri.EscapeDataString(Validator.Mobile)}"))!;
    }

    private static async Task UntilAsync(Func<Task<bool>> done)
    {
        for (var until = DateTime.UtcNow.AddSeconds(30); !await done(); await Task.Delay(100))
        {
            Assert.True(DateTime.UtcNow < until, "Never got there.");
        }
    }
}
