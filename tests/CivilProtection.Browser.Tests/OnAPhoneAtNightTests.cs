using System.Globalization;

namespace CivilProtection.Browser.Tests;

/// <summary>
/// What a duty officer or approver on a phone at 3 a.m. needs of the pages: a deadline set in one press, and a decision
/// typed while the network drops kept in its dialog until it can be sent.
/// </summary>
public sealed class OnAPhoneAtNightTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task One_press_sets_needed_by_that_many_hours_ahead_on_the_browser_s_clock()
    {
        var duty = await fixture.SignedInAsAsync("ma-duty", "fr");
        var missingTexts = PageChecks.MissingTexts(duty);
        await duty.GetByTestId("nav-new").ClickAsync();
        await duty.GetByTestId("needed-by-in-6").ClickAsync();

        var typed = await duty.GetByTestId("field-neededBy").InputValueAsync();
        // The browser runs on Casablanca's clock (BrowserFixture); the field holds its local time.
        var now = await duty.EvaluateAsync<string>("() => { const d = new Date(Date.now() + 6 * 3600 * 1000); const p = (n) => String(n).padStart(2, '0'); return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`; }");
        var expected = DateTime.ParseExact(now, "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        var set = DateTime.ParseExact(typed, "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        Assert.InRange(set - expected, TimeSpan.Zero, TimeSpan.FromMinutes(15));
        Assert.Equal(0, set.Minute % 15);
        await Expect(duty.GetByTestId("needed-by-in-6")).ToHaveTextAsync("Dans 6 h");
        await PageChecks.ExpectAccessibleAsync(duty);
        Assert.Empty(missingTexts);
    }

    [Fact]
    public async Task A_half_filled_request_comes_back_after_a_reload_until_it_is_filed_or_discarded()
    {
        var duty = await fixture.SignedInAsAsync("ma-duty", "fr");
        var missingTexts = PageChecks.MissingTexts(duty);
        await duty.GetByTestId("nav-new").ClickAsync();
        await duty.GetByTestId("partner-ES-DGPCE").CheckAsync();
        await duty.GetByTestId("field-incident.title").FillAsync("Crue de l'oued Sebou");
        await duty.GetByTestId("field-urgency").SelectOptionAsync("life-safety");
        await duty.GetByTestId("add-capability").ClickAsync();
        await duty.GetByTestId("field-capabilities[1].quantity").FillAsync("3");
        await duty.GetByTestId("needed-by-in-12").ClickAsync();
        var neededBy = await duty.GetByTestId("field-neededBy").InputValueAsync();

        await duty.ReloadAsync();
        await Expect(duty.GetByTestId("draft-restored")).ToBeVisibleAsync();
        await Expect(duty.GetByTestId("field-incident.title")).ToHaveValueAsync("Crue de l'oued Sebou");
        await Expect(duty.GetByTestId("field-urgency")).ToHaveValueAsync("life-safety");
        await Expect(duty.GetByTestId("field-capabilities[1].quantity")).ToHaveValueAsync("3");
        await Expect(duty.GetByTestId("field-neededBy")).ToHaveValueAsync(neededBy);
        await Expect(duty.GetByTestId("partner-ES-DGPCE")).ToBeCheckedAsync();
        await PageChecks.ExpectAccessibleAsync(duty);

        await duty.GetByTestId("draft-discard").ClickAsync();
        await Expect(duty.GetByTestId("draft-restored")).ToHaveCountAsync(0);
        await Expect(duty.GetByTestId("field-incident.title")).ToHaveValueAsync("");
        await duty.ReloadAsync();
        await Expect(duty.GetByTestId("field-incident.title")).ToHaveValueAsync("");
        await Expect(duty.GetByTestId("draft-restored")).ToHaveCountAsync(0);

        // Filed, the draft is gone: the next new request starts empty.
        await RequestFormSteps.FillValidAsync(duty);
        await duty.GetByTestId("submit-request").ClickAsync();
        await Expect(duty.GetByTestId("request-reference")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await duty.GetByTestId("nav-new").ClickAsync();
        await Expect(duty.GetByTestId("field-incident.title")).ToHaveValueAsync("");
        await Expect(duty.GetByTestId("draft-restored")).ToHaveCountAsync(0);
        Assert.Empty(missingTexts);
    }

    [Fact]
    public async Task A_decision_sent_while_offline_stays_in_its_dialog_with_its_comment_and_is_sent_once_back_online()
    {
        var (id, _) = await Filing.FileFloodAsync(fixture.Host);
        var approver = await fixture.SignedInAsAsync("ma-approver");
        var missingTexts = PageChecks.MissingTexts(approver);
        await approver.GotoAsync($"/#/requests/{id}");
        await approver.GetByTestId("decide-return").ClickAsync(new() { Timeout = 30_000 });
        const string question = "Quel débit faut-il pomper, et où ?";
        await approver.GetByTestId("decision-comment").FillAsync(question);

        await approver.Context.SetOfflineAsync(true);
        await approver.GetByTestId("decision-confirm").ClickAsync();
        await Expect(approver.GetByTestId("decision-not-sent")).ToBeVisibleAsync();
        await Expect(approver.GetByTestId("decision-dialog")).ToBeVisibleAsync();
        await Expect(approver.GetByTestId("decision-comment")).ToHaveValueAsync(question);
        await PageChecks.ExpectAccessibleAsync(approver);

        await approver.Context.SetOfflineAsync(false);
        await approver.GetByTestId("decision-confirm").ClickAsync();
        await Expect(approver.GetByTestId("decision-dialog")).ToHaveCountAsync(0);
        await Expect(approver.Locator("[data-testid='timeline-entry'][data-action='returned-for-information']")).ToHaveCountAsync(1);
        await Expect(approver.Locator("[data-testid='timeline-entry'][data-action='returned-for-information']")).ToContainTextAsync(question);
        Assert.Empty(missingTexts);
    }

    [Fact]
    public async Task A_view_whose_file_cannot_be_fetched_says_the_server_is_unreachable_and_opens_once_back_online()
    {
        var duty = await fixture.SignedInAsAsync("ma-duty", "fr");
        var missingTexts = PageChecks.MissingTexts(duty);
        await Expect(duty.GetByTestId("work-refreshed")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // Each view's file comes when it is first shown (routes.js): the requests list's has not come yet.
        await duty.Context.SetOfflineAsync(true);
        await duty.GetByTestId("nav-requests").ClickAsync();
        await Expect(duty.Locator("main [role='alert']")).ToContainTextAsync("Le serveur est injoignable");
        await PageChecks.ExpectAccessibleAsync(duty);

        await duty.Context.SetOfflineAsync(false);
        await duty.GetByTestId("nav-work").ClickAsync();
        await duty.GetByTestId("nav-requests").ClickAsync();
        await Expect(duty.Locator("main [role='alert']")).ToHaveCountAsync(0);
        await Expect(duty.Locator("main h1")).ToBeVisibleAsync();
        Assert.Empty(missingTexts);
    }
}
