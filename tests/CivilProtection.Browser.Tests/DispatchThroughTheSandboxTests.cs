namespace CivilProtection.Browser.Tests;

/// <summary>
/// One dispatch played from one browser: the French coordinator asks responders on the request page, each answers
/// "OUI" from the SMS sandbox page, and the request page shows the answers and the request dispatched.
/// </summary>
public sealed class DispatchThroughTheSandboxTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    // The workflow is asynchronous (queue, SMS sender, sandbox, webhook) and the machine is shared: be patient.
    private const float Slow = 60_000;

    private const string Pumping = "high-capacity-pumping";
    private const string Boats = "flood-rescue-boats";

    [Fact]
    public async Task Responders_dispatched_on_the_request_page_accept_by_sms_in_the_sandbox_and_the_request_becomes_dispatched()
    {
        var (requestId, reference) = await FileAndApproveAsync();
        var phones = await ResponderPhonesAsync();

        var coordinator = await fixture.SignedInAsAsync("fr-coordinator");
        // Every text on these pages comes from the dictionaries: a missing one is logged by i18n.js.
        var missingTexts = new List<string>();
        coordinator.Context.Console += (_, message) =>
        {
            if (message.Text.Contains("Missing text", StringComparison.Ordinal))
            {
                missingTexts.Add(message.Text);
            }
        };
        await coordinator.GotoAsync($"/#/requests/{requestId}");
        await Expect(coordinator.GetByTestId("request-status")).ToHaveAttributeAsync("data-status", "approved", new() { Timeout = Slow });

        // Approval paged the French operations duty desk: the coordinator sees the notice and its code.
        var notice = coordinator.Locator("[data-testid='notice'][data-kind='assistance-approved']");
        await Expect(notice).ToHaveAttributeAsync("data-status", "open", new() { Timeout = Slow });
        await Expect(notice.GetByTestId("notice-code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^OK \d{4}$"));
        await notice.GetByTestId("notice-acknowledge").ClickAsync();
        await Expect(notice).ToHaveAttributeAsync("data-status", "acknowledged", new() { Timeout = Slow });
        await Expect(notice.GetByTestId("notice-acknowledge")).ToHaveCountAsync(0);

        // One responder per capability (the request needs one of each); the form ticks as many as still needed.
        var pumper = Candidate(coordinator, "fr-resp-01", Pumping);
        var boatman = Candidate(coordinator, "fr-resp-08", Boats);
        await Expect(pumper).ToBeVisibleAsync(new() { Timeout = Slow });
        await Expect(pumper).ToBeCheckedAsync();
        await Expect(boatman).ToBeCheckedAsync();
        // Émilie Durand has both skills: ticking her for one capability unticks her elsewhere, and she is not wanted.
        await Candidate(coordinator, "fr-resp-02", Boats).CheckAsync();
        await Candidate(coordinator, "fr-resp-02", Pumping).CheckAsync();
        await Expect(Candidate(coordinator, "fr-resp-02", Boats)).Not.ToBeCheckedAsync();
        await Candidate(coordinator, "fr-resp-02", Pumping).UncheckAsync();
        await boatman.CheckAsync();
        await pumper.CheckAsync();
        await Expect(coordinator.Locator("[data-testid='dispatch-candidate']:checked")).ToHaveCountAsync(2);

        // Without a meeting point and a time nothing is sent, and the fields say why.
        await coordinator.GetByTestId("dispatch-submit").ClickAsync();
        await Expect(coordinator.GetByTestId("error-meetingPoint")).Not.ToBeEmptyAsync();
        await Expect(coordinator.GetByTestId("error-reportAt")).Not.ToBeEmptyAsync();
        await Expect(coordinator.GetByTestId("dispatch-meeting-point")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(coordinator.GetByTestId("dispatch-offer")).ToHaveCountAsync(0);

        await coordinator.GetByTestId("dispatch-meeting-point").FillAsync("Base aérienne de Kénitra, hangar 3");
        var reportAt = DateTime.Now.AddHours(6).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await coordinator.GetByTestId("dispatch-report-at").FillAsync(reportAt);
        await coordinator.GetByTestId("dispatch-submit").ClickAsync();

        await Expect(Offer(coordinator, "fr-resp-01")).ToHaveAttributeAsync("data-status", "asked", new() { Timeout = Slow });
        await Expect(Offer(coordinator, "fr-resp-08")).ToHaveAttributeAsync("data-status", "asked");
        await Expect(CoverageRow(coordinator, Pumping).Locator("[data-column='asked']")).ToHaveTextAsync("1");

        // The first responder answers from the sandbox; the request page, refreshing itself, shows the acceptance.
        await AnswerInTheSandboxAsync(coordinator, phones["fr-resp-01"], reference, "OUI");
        await coordinator.GotoAsync($"/#/requests/{requestId}");
        await Expect(Offer(coordinator, "fr-resp-01")).ToHaveAttributeAsync("data-status", "accepted", new() { Timeout = Slow });
        await Expect(CoverageRow(coordinator, Pumping)).ToHaveAttributeAsync("data-covered", "true");
        await Expect(coordinator.GetByTestId("request-status")).ToHaveAttributeAsync("data-status", "approved");

        // Answered while the page is open: the 5-second refresh brings it in, and every capability is now covered.
        var sandbox = await coordinator.Context.NewPageAsync();
        await AnswerInTheSandboxAsync(sandbox, phones["fr-resp-08"], reference, "OUI");
        await Expect(Offer(coordinator, "fr-resp-08")).ToHaveAttributeAsync("data-status", "accepted", new() { Timeout = Slow });
        await Expect(coordinator.GetByTestId("request-status")).ToHaveAttributeAsync("data-status", "dispatched", new() { Timeout = Slow });
        await Expect(coordinator.Locator("[data-testid='timeline-entry'][data-action='responder-accepted']")).ToHaveCountAsync(2);

        // The coordinator closes the request once the mission is over.
        await coordinator.GetByTestId("close-request").ClickAsync();
        await coordinator.GetByTestId("decision-comment").FillAsync("Mission terminée");
        await coordinator.GetByTestId("close-confirm").ClickAsync();
        await Expect(coordinator.GetByTestId("request-status")).ToHaveAttributeAsync("data-status", "closed", new() { Timeout = Slow });
        await Expect(coordinator.GetByTestId("close-request")).ToHaveCountAsync(0);
        Assert.Empty(missingTexts);
    }

    // Opens the sandbox, picks the phone's thread once the mission SMS has reached it, and replies.
    private static async Task AnswerInTheSandboxAsync(IPage page, string phone, string reference, string answer)
    {
        await page.GotoAsync("/#/sandbox");
        var thread = page.Locator($"[data-testid='sandbox-thread'][data-phone='{phone}']");
        await Expect(thread).ToBeVisibleAsync(new() { Timeout = Slow });
        await thread.ClickAsync();
        await Expect(page.GetByTestId("sandbox-phone")).ToHaveTextAsync(phone);
        var mission = page.Locator("[data-testid='sandbox-message'][data-direction='outbound']", new() { HasText = reference });
        await Expect(mission).ToHaveCountAsync(1, new() { Timeout = Slow });

        var inboundBefore = await page.Locator("[data-testid='sandbox-message'][data-direction='inbound']").CountAsync();
        await page.GetByTestId("sandbox-reply").FillAsync(answer);
        await page.GetByTestId("sandbox-send").ClickAsync();
        await Expect(page.Locator("[data-testid='sandbox-message'][data-direction='inbound']")).ToHaveCountAsync(inboundBefore + 1, new() { Timeout = Slow });
        await Expect(page.GetByTestId("sandbox-error")).ToHaveCountAsync(0);
    }

    private static ILocator Candidate(IPage page, string personId, string capability) =>
        page.Locator($"[data-testid='dispatch-candidate'][data-person='{personId}'][data-capability='{capability}']");

    private static ILocator Offer(IPage page, string personId) =>
        page.Locator($"[data-testid='dispatch-offer'][data-person='{personId}']");

    private static ILocator CoverageRow(IPage page, string capability) =>
        page.Locator($"[data-testid='dispatch-coverage-row'][data-capability='{capability}']");

    // A MA → FR flood request needing one of each capability, approved by both stages through the API.
    private async Task<(string Id, string Reference)> FileAndApproveAsync()
    {
        var form = RequestSamples.Flood();
        foreach (var capability in form["capabilities"]!.AsArray())
        {
            capability!["quantity"] = 1;
        }
        using var duty = fixture.Host.ClientFor("ma-duty");
        using var filed = await duty.PostAsJsonAsync("/api/requests", form);
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var view = (await filed.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = (string)view["id"]!;

        await ApproveAsync("ma-approver", id, stageIndex: 0);
        await ApproveAsync("fr-approver", id, stageIndex: 1);
        return (id, (string)view["reference"]!);
    }

    private async Task ApproveAsync(string approver, string requestId, int stageIndex)
    {
        using var client = fixture.Host.ClientFor(approver);
        var deadline = DateTime.UtcNow.AddSeconds(Slow / 1000);
        while (true)
        {
            var view = (await client.GetFromJsonAsync<JsonObject>($"/api/requests/{requestId}"))!;
            var actions = view["allowedActions"]!.AsArray().Select(a => (string)a!).ToList();
            if ((int)view["currentStageIndex"]! == stageIndex && actions.Contains("approve"))
            {
                using var decided = await client.PostAsJsonAsync($"/api/requests/{requestId}/decisions", new { decision = "approve" });
                if (decided.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
                Assert.True(decided.StatusCode == HttpStatusCode.Conflict, $"{approver} approving stage {stageIndex}: {decided.StatusCode} {await decided.Content.ReadAsStringAsync()}");
            }
            Assert.True(DateTime.UtcNow < deadline, $"Stage {stageIndex} never waited for {approver}: {view.ToJsonString()}");
            await Task.Delay(250);
        }
    }

    private async Task<Dictionary<string, string>> ResponderPhonesAsync()
    {
        using var client = fixture.Host.ClientFor("fr-coordinator");
        var people = (await client.GetFromJsonAsync<JsonArray>("/api/people"))!;
        return people.Select(p => p!.AsObject()).ToDictionary(p => (string)p["personId"]!, p => (string)p["mobile"]!);
    }
}
