using CivilProtection.Application.Sms;

namespace CivilProtection.Browser.Tests;

/// <summary>
/// A host whose life-safety tiers have 4 seconds, so a notice's second round (and its calls) comes within the test,
/// and ten rounds, so the notice is still open when the officer, on the page, gets to press.
/// </summary>
public sealed class QuickEscalationBrowserFixture : BrowserFixture
{
    protected override Task<TestHost> StartHostAsync() =>
        TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["CivilProtection:Notices:LifeSafetyAcknowledgeWithin"] = "00:00:04",
            ["CivilProtection:Notices:Rounds"] = "10",
        });
}

/// <summary>
/// A life-safety notice nobody acknowledged rings the on-call person; in Development the call shows on the SMS
/// sandbox page, which an officer answers by pressing 1 there: the notice is acknowledged by voice.
/// </summary>
public sealed class CallInTheSandboxTests(QuickEscalationBrowserFixture fixture) : IClassFixture<QuickEscalationBrowserFixture>
{
    private const float Slow = 60_000;

    [Fact]
    public async Task A_call_rings_the_sandbox_page_and_pressing_1_there_acknowledges_the_notice()
    {
        using var duty = fixture.Host.ClientFor("ma-duty");
        using var filed = await duty.PostAsJsonAsync("/api/requests", RequestSamples.Flood());
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var id = (string)(await filed.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        // The first round goes by unacknowledged: a call rings someone of the validation roster.
        using var api = fixture.Host.ClientFor(null);
        string? phone = null;
        for (var until = DateTime.UtcNow.AddSeconds(60); phone is null; await Task.Delay(250))
        {
            Assert.True(DateTime.UtcNow < until, "No call reached the sandbox.");
            var threads = await api.GetFromJsonAsync<List<SandboxThread>>("/api/dev/sms-sandbox");
            phone = threads!.FirstOrDefault(t => t.LastDirection == SandboxDirections.Call)?.Phone;
        }

        var page = await fixture.SignedInAsAsync("ma-approver", "fr");
        var missing = PageChecks.MissingTexts(page);
        await page.GotoAsync($"/#/sandbox?phone={Uri.EscapeDataString(phone)}");
        var press = page.GetByTestId("sandbox-press");
        await Expect(press).ToBeVisibleAsync(new() { Timeout = Slow });
        await Expect(press).ToHaveTextAsync("Appuyer sur 1 (appel en cours)");
        var call = page.Locator("[data-testid='sandbox-message'][data-direction='call']").Last;
        await Expect(call).ToContainTextAsync("Appel vocal");
        await PageChecks.ExpectAccessibleAsync(page);

        await press.ClickAsync();

        await Expect(page.Locator("[data-testid='sandbox-message'][data-direction='call'][data-status='completed']")).ToHaveCountAsync(1, new() { Timeout = Slow });
        await Expect(press).ToHaveCountAsync(0);
        using var approver = fixture.Host.ClientFor("ma-approver");
        var notice = (await approver.GetFromJsonAsync<JsonObject>($"/api/requests/{id}"))!["notices"]!.AsArray().OfType<JsonObject>().First(n => (int?)n["stageIndex"] == 0);
        Assert.Equal("acknowledged", (string)notice["status"]!);
        Assert.Equal("voice", (string)notice["acknowledgedVia"]!);
        Assert.Empty(missing);
    }
}
