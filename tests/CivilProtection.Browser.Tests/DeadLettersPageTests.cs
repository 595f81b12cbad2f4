namespace CivilProtection.Browser.Tests;

/// <summary>The host with inboxes a test can make unwritable (<see cref="InboxOutage"/>), counting dead letters every second.</summary>
public sealed class DeadLetterBrowserFixture : BrowserFixture
{
    public InboxOutage Outage { get; } = new();

    protected override Task<TestHost> StartHostAsync()
    {
        var tablePrefix = Azurite.UniquePrefix();
        return TestHost.StartAsync(
            settings: new Dictionary<string, string?> { ["CivilProtection:DeadLetters:CountEvery"] = "00:00:01" },
            tablePrefix: tablePrefix,
            configure: builder =>
            {
                Outage.Install(builder);
                ShortLocks.UseInProcessTransport(builder, tablePrefix);
            });
    }
}

/// <summary>The dead-letters page: an admin finds the routing message that failed for good, replays it once the cause is fixed, discards the other.</summary>
public sealed class DeadLettersPageTests(DeadLetterBrowserFixture fixture) : IClassFixture<DeadLetterBrowserFixture>
{
    [Fact]
    public async Task An_admin_sees_a_failed_message_with_its_reason_and_request_and_replays_it_once_the_cause_is_fixed()
    {
        var (id, reference) = await FileWhileTheInboxesAreDownAsync();
        var admin = await fixture.SignedInAsAsync("ma-admin");
        var missingTexts = PageChecks.MissingTexts(admin);

        await admin.GetByTestId("nav-dead-letters").ClickAsync();
        await Expect(admin.Locator("h1")).ToBeFocusedAsync();
        var routing = Letter(admin, "approval-routing", id);
        var events = Letter(admin, "request-events", id);
        await Eventually.TrueAsync(async () =>
        {
            await admin.GetByTestId("dead-letters-refresh").ClickAsync();
            return await routing.CountAsync() == 1 && await events.CountAsync() == 1;
        }, "both dead letters of the request are on the page", TimeSpan.FromSeconds(60));
        await Expect(routing.GetByTestId("dead-letter-reason")).ToHaveTextAsync("Failed on every delivery");
        await Expect(routing.GetByTestId("dead-letter-request")).ToHaveTextAsync(reference);
        await Expect(routing.GetByRole(AriaRole.Link, new() { Name = reference })).ToHaveAttributeAsync("href", $"#/requests/{id}");
        await PageChecks.ExpectAccessibleAsync(admin);

        fixture.Outage.Fix();
        await routing.GetByTestId("dead-letter-replay").ClickAsync();
        await Expect(admin.GetByTestId("decision-dialog")).ToBeVisibleAsync();
        await PageChecks.ExpectAccessibleAsync(admin);
        await admin.GetByTestId("decision-comment").FillAsync("Inbox storage restored");
        await admin.GetByTestId("decision-confirm").ClickAsync();
        await Expect(routing).ToHaveCountAsync(0);
        await Expect(admin.GetByTestId("announcer")).ToContainTextAsync("replayed");
        await Expect(admin.Locator("h1")).ToBeFocusedAsync();

        await events.GetByTestId("dead-letter-discard").ClickAsync();
        await admin.GetByTestId("decision-confirm").ClickAsync();
        await Expect(events).ToHaveCountAsync(0);
        await Expect(admin.GetByTestId("dead-letters-empty")).ToBeVisibleAsync();
        await admin.GetByTestId("language").SelectOptionAsync("fr");
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Messages en échec");

        // The replay did what the failed message was for: the item is in the approver's inbox. Only admins have the page.
        var approver = await fixture.SignedInAsAsync("ma-approver");
        await Expect(approver.GetByTestId("nav-dead-letters")).ToHaveCountAsync(0);
        await approver.GetByTestId("nav-inbox").ClickAsync();
        await Expect(approver.Locator($"[data-testid='inbox-row'][data-reference='{reference}']")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        await admin.GotoAsync($"/#/requests/{id}");
        await Expect(admin.Locator("[data-testid='timeline-entry'][data-action='dead-letter-replayed']")).ToHaveCountAsync(1);
        await Expect(admin.Locator("[data-testid='timeline-entry'][data-action='dead-letter-discarded']")).ToHaveCountAsync(1);
        Assert.Empty(missingTexts);
    }

    private async Task<(string Id, string Reference)> FileWhileTheInboxesAreDownAsync()
    {
        fixture.Outage.Break();
        using var duty = fixture.Host.ClientFor("ma-duty");
        using var filed = await duty.PostAsJsonAsync("/api/requests", RequestSamples.Flood());
        if (filed.StatusCode != HttpStatusCode.Created)
        {
            fixture.Outage.Fix();
            Assert.Fail($"Filing answered {(int)filed.StatusCode}: {await filed.Content.ReadAsStringAsync()}");
        }
        var view = (await filed.Content.ReadFromJsonAsync<JsonObject>())!;
        return ((string)view["id"]!, (string)view["reference"]!);
    }

    private static ILocator Letter(IPage page, string queue, string requestId) =>
        page.Locator($"[data-testid='dead-letter'][data-queue='{queue}'][data-request='{requestId}']");
}
