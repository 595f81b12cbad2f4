namespace CivilProtection.Browser.Tests;

/// <summary>
/// The request page on a phone: why the request came back sits at the top, the actions stay on screen however far the
/// page is scrolled, and it speaks in people's words rather than the directory's codes.
/// </summary>
public sealed class TheRequestPageOnAPhoneTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const float Slow = 60_000;
    private const int PhoneHeight = 844; // BrowserFixture's viewport

    [Fact]
    public async Task The_approver_s_actions_stay_on_screen_and_the_return_reason_leads_the_requester_s_page()
    {
        var (id, _) = await Filing.FileFloodAsync(fixture.Host);

        var approver = await fixture.SignedInAsAsync("ma-approver", "fr");
        var approverMissing = PageChecks.MissingTexts(approver);
        await approver.GotoAsync($"/#/requests/{id}");
        await Expect(approver.GetByTestId("decide-return")).ToBeVisibleAsync(new() { Timeout = Slow });
        // At the foot of a long page, the decision is still within reach of a thumb.
        await approver.GetByTestId("timeline").ScrollIntoViewIfNeededAsync();
        await approver.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
        await ExpectOnScreenAsync(approver.GetByTestId("decide-return"));
        await ExpectOnScreenAsync(approver.GetByTestId("decide-approve"));
        await PageChecks.ExpectAccessibleAsync(approver);

        await approver.GetByTestId("decide-return").ClickAsync();
        const string question = "Quel débit faut-il pomper, et où ?";
        await approver.GetByTestId("decision-comment").FillAsync(question);
        await approver.GetByTestId("decision-confirm").ClickAsync();
        await Expect(approver.GetByTestId("decision-dialog")).ToHaveCountAsync(0);
        Assert.Empty(approverMissing);

        var duty = await fixture.SignedInAsAsync("ma-duty", "fr");
        var dutyMissing = PageChecks.MissingTexts(duty);
        await duty.GotoAsync($"/#/requests/{id}");
        var reason = duty.GetByTestId("decision-reason");
        await Expect(reason).ToContainTextAsync(question, new() { Timeout = Slow });
        await Expect(reason).ToContainTextAsync("Renvoyée pour complément par");
        await Expect(reason).ToContainTextAsync("Validation");
        var box = await reason.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Y + box.Height <= PhoneHeight, $"The reason ends {box.Y + box.Height} px down, below the first screen.");

        await duty.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
        await ExpectOnScreenAsync(duty.GetByTestId("resubmit"));

        // The stages name the authority and the stage; the approver group's code is the admins' business.
        string group;
        using (var api = fixture.Host.ClientFor("ma-duty"))
        {
            var view = (await api.GetFromJsonAsync<JsonObject>($"/api/requests/{id}"))!;
            group = (string)view["stages"]![0]!["approverGroup"]!;
        }
        await Expect(duty.GetByTestId("stage").First).ToContainTextAsync("Validation");
        await Expect(duty.Locator("main")).Not.ToContainTextAsync(group);
        // Nor do the system's own log lines, in English, reach a French page.
        await Expect(duty.Locator("main")).Not.ToContainTextAsync("tier 1");
        await Expect(duty.Locator("main")).Not.ToContainTextAsync("no longer waiting");
        await Expect(duty.GetByTestId("timeline")).ToContainTextAsync("Historique");
        await PageChecks.ExpectAccessibleAsync(duty);
        Assert.Empty(dutyMissing);
    }

    private static async Task ExpectOnScreenAsync(ILocator locator)
    {
        await Expect(locator).ToBeVisibleAsync();
        var box = await locator.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Y >= 0 && box.Y + box.Height <= PhoneHeight, $"{locator} is at {box.Y} px, off the phone's screen.");
    }
}
