using System.Text.RegularExpressions;

namespace CivilProtection.Browser.Tests;

/// <summary>
/// The home page is the person's work, at phone size: an approver lands on the stage waiting for them with its
/// countdown and the count in the navigation and the title, hears of a new item; the on-call officer stops the
/// paging with one tap; a coordinator with nothing to do is told what will come, and a slow answer shows it is loading.
/// </summary>
public sealed class MyWorkTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    // Routing and paging go through the queue and the page refreshes every 15 seconds: be patient.
    private const float Slow = 60_000;

    // Stands in for WebAudio, which a headless browser may not play: counts the tones started.
    private const string CountingAudio = """
        window.__tones = 0;
        window.AudioContext = class {
          constructor() { this.currentTime = 0; this.destination = {}; }
          resume() { return Promise.resolve(); }
          createGain() { return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect() {} }; }
          createOscillator() { return { frequency: { setValueAtTime() {} }, connect() {}, start() { window.__tones += 1; }, stop() {} }; }
        };
        """;

    [Fact]
    public async Task An_approver_lands_on_my_work_with_the_stage_s_countdown_and_the_count_in_the_navigation_and_the_title_in_French()
    {
        var (_, reference) = await Filing.FileFloodAsync(fixture.Host);
        var approver = await fixture.SignedInAsAsync("ma-approver", "fr");
        var missing = PageChecks.MissingTexts(approver);
        await approver.Context.AddInitScriptAsync(CountingAudio);
        await approver.ReloadAsync();

        await Expect(approver).ToHaveURLAsync(new Regex("#/work$"));
        await Expect(approver.Locator("h1")).ToHaveTextAsync("Mon travail");
        var item = approver.GetByTestId("work-approvals").Locator("[data-testid='inbox-row']", new() { HasText = reference });
        await Expect(item).ToBeVisibleAsync(new() { Timeout = Slow });
        await Expect(item.Locator(".countdown")).ToHaveTextAsync(new Regex(@"\d"));
        await Expect(approver.GetByTestId("work-approvals-all")).ToHaveAttributeAsync("href", "#/inbox");
        var waiting = await CountAsync(approver, "nav-work-count");
        Assert.True(waiting >= 1);
        Assert.True(await CountAsync(approver, "nav-inbox-count") >= 1);
        // Heard as a phrase, not as a bare number run into the link's name.
        await Expect(approver.GetByRole(AriaRole.Link, new() { Name = $"Mon travail {waiting} en attente", Exact = true })).ToBeVisibleAsync();
        await Expect(approver).ToHaveTitleAsync(new Regex($@"^\({waiting}\) Mon travail · "));
        await PageChecks.ExpectAccessibleAsync(approver);

        // With the beep turned on (it beeps once to say so), a request filed while the page is open is announced.
        await approver.GetByTestId("work-sound").CheckAsync();
        Assert.Equal(2, await approver.EvaluateAsync<int>("() => window.__tones"));
        var (_, next) = await Filing.FileFloodAsync(fixture.Host);
        await Expect(approver.GetByTestId("work-approvals").Locator("[data-testid='inbox-row']", new() { HasText = next })).ToBeVisibleAsync(new() { Timeout = Slow });
        await Expect(approver.GetByTestId("announcer")).ToContainTextAsync("vous attend", new() { Timeout = Slow });
        Assert.True(await approver.EvaluateAsync<int>("() => window.__tones") >= 4);
        Assert.True(await CountAsync(approver, "nav-work-count") > waiting);
        // Kept in the browser: after a reload the choice is still on.
        await approver.ReloadAsync();
        await Expect(approver.GetByTestId("work-sound")).ToBeCheckedAsync();
        Assert.Empty(missing);
    }

    [Fact]
    public async Task The_on_call_officer_acknowledges_a_notice_with_one_tap_and_it_leaves_their_work_in_Arabic()
    {
        var (id, reference) = await Filing.FileFloodAsync(fixture.Host);
        // Salma Benali is on call for Morocco's validation stage: filing paged her.
        var officer = await fixture.SignedInAsAsync("ma-approver", "ar");
        var missing = PageChecks.MissingTexts(officer);
        await Expect(officer.Locator("html")).ToHaveAttributeAsync("dir", "rtl");

        var notice = officer.Locator("[data-testid='work-notice']", new() { HasText = reference });
        await Expect(notice).ToBeVisibleAsync(new() { Timeout = Slow });
        await Expect(notice).ToHaveAttributeAsync("data-kind", "stage-approval");
        await Expect(notice.GetByTestId("work-acknowledge")).ToHaveTextAsync("تأكيد الاستلام");
        await PageChecks.ExpectAccessibleAsync(officer);

        await notice.GetByTestId("work-acknowledge").ClickAsync();
        await Expect(notice).ToHaveCountAsync(0, new() { Timeout = Slow });
        await Expect(officer.GetByTestId("announcer")).ToContainTextAsync(reference);
        // The decision itself still waits for her.
        await Expect(officer.GetByTestId("work-approvals").Locator("[data-testid='inbox-row']", new() { HasText = reference })).ToBeVisibleAsync();
        using (var api = fixture.Host.ClientFor("ma-approver"))
        {
            var view = (await api.GetFromJsonAsync<JsonObject>($"/api/requests/{id}"))!;
            var acknowledged = view["notices"]!.AsArray().Single(n => (string)n!["kind"]! == "stage-approval")!;
            Assert.Equal("acknowledged", (string)acknowledged["status"]!);
            Assert.Equal("ma-approver", (string)acknowledged["acknowledgedBy"]!);
        }
        await PageChecks.ExpectAccessibleAsync(officer);
        Assert.Empty(missing);
    }

    [Fact]
    public async Task A_coordinator_with_nothing_to_do_is_told_what_will_come_and_a_slow_answer_shows_it_is_loading()
    {
        var coordinator = await fixture.SignedInAsAsync("pt-coordinator");
        var missing = PageChecks.MissingTexts(coordinator);
        await Expect(coordinator.GetByTestId("work-offersToPrepare-empty")).ToBeVisibleAsync(new() { Timeout = Slow });
        await Expect(coordinator.GetByTestId("work-dispatches-empty")).ToBeVisibleAsync();
        await Expect(coordinator.GetByTestId("work-notices-empty")).ToBeVisibleAsync();
        // Sections of roles she does not hold are not there.
        await Expect(coordinator.GetByTestId("work-approvals")).ToHaveCountAsync(0);
        await Expect(coordinator.GetByTestId("work-requests")).ToHaveCountAsync(0);
        await Expect(coordinator.GetByTestId("nav-work-count")).ToBeEmptyAsync();
        await Expect(coordinator).ToHaveTitleAsync(new Regex("^My work · "));
        await Expect(coordinator.GetByTestId("work-offersToPrepare-all")).ToHaveAttributeAsync("href", "#/requests?status=open");
        await PageChecks.ExpectAccessibleAsync(coordinator);

        // The requests list is still one link away.
        await coordinator.GetByTestId("nav-requests").ClickAsync();
        await Expect(coordinator).ToHaveURLAsync(new Regex("#/requests$"));

        await coordinator.RouteAsync("**/api/work", async route =>
        {
            await Task.Delay(1500);
            await route.ContinueAsync();
        });
        await coordinator.GetByTestId("nav-work").ClickAsync();
        await Expect(coordinator.GetByTestId("work-loading")).ToBeVisibleAsync();
        await Expect(coordinator.GetByTestId("work-offersToPrepare-empty")).ToBeVisibleAsync(new() { Timeout = Slow });
        await Expect(coordinator.GetByTestId("work-loading")).ToHaveCountAsync(0);
        Assert.Empty(missing);
    }

    private static async Task<int> CountAsync(IPage page, string testId)
    {
        await Expect(page.GetByTestId(testId)).ToHaveTextAsync(new Regex(@"^\d+$"), new() { Timeout = Slow });
        return int.Parse(await page.GetByTestId(testId).TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);
    }
}
