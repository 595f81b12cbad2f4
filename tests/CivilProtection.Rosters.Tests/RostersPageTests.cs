using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CivilProtection.Rosters.Tests;

/// <summary>The rosters page in Debian's headless Chromium (no browser download), against the rosters host.</summary>
public sealed class RostersPageTests(RostersHost host) : IClassFixture<RostersHost>, IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CP_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    [Fact]
    public async Task A_coordinator_sees_who_is_on_call_and_manages_people_shifts_and_imports()
    {
        var page = await SignedInAsAsync("ma-coordinator");
        await page.GetByTestId("nav-rosters").ClickAsync();

        await Expect(page.GetByTestId("on-call-validation-tier-1")).ToContainTextAsync("Salma Benali");
        await Expect(page.GetByTestId("on-call-operations-tier-1")).ToContainTextAsync("Youssef El Amrani");

        // A person: a bad number is named by the field, a good one saves.
        await page.GetByTestId("person-personId").FillAsync("ma-resp-40");
        await page.GetByTestId("person-name").FillAsync("Hamza Tahiri");
        await page.GetByTestId("person-mobile").FillAsync("0612");
        await page.GetByTestId("person-roles-responder").CheckAsync();
        await page.GetByTestId("person-skills-shelter").CheckAsync();
        await page.GetByTestId("person-save").ClickAsync();
        await Expect(page.GetByTestId("person-mobile-error")).Not.ToBeEmptyAsync();
        await page.GetByTestId("person-mobile").FillAsync("+212661009940");
        await page.GetByTestId("person-save").ClickAsync();
        await Expect(page.Locator("[data-testid='person-row'][data-person='ma-resp-40']")).ToBeVisibleAsync();

        // A shift in local time: one that ends before it starts is refused by the server, then a good one is added.
        await page.GetByTestId("shift-operations-personId").SelectOptionAsync("ma-resp-40");
        await page.GetByTestId("shift-operations-tier").FillAsync("3");
        await page.GetByTestId("shift-operations-start").FillAsync("2026-12-01T20:00");
        await page.GetByTestId("shift-operations-end").FillAsync("2026-12-01T08:00");
        await page.GetByTestId("shift-operations-add").ClickAsync();
        await Expect(page.GetByTestId("shift-operations-end-error")).Not.ToBeEmptyAsync();
        await page.GetByTestId("shift-operations-end").FillAsync("2026-12-02T08:00");
        await page.GetByTestId("shift-operations-add").ClickAsync();
        await Expect(page.Locator("[data-testid='roster-operations'] [data-testid='shift-operations-row'][data-person='ma-resp-40']")).ToBeVisibleAsync();

        // An import with a bad line lists it by its number.
        await page.GetByTestId("import-people-file").SetInputFilesAsync(new FilePayload
        {
            Name = "people.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("personId,name,mobile,language,roles\nma-resp-41,Ali,12345,ar,responder\n"),
        });
        await page.GetByTestId("import-people").ClickAsync();
        await Expect(page.GetByTestId("import-errors")).ToContainTextAsync("line 2.mobile");
    }

    [Fact]
    public async Task Only_coordinators_and_admins_get_the_link_to_the_rosters()
    {
        var approver = await SignedInAsAsync("ma-approver");
        var admin = await SignedInAsAsync("fr-admin");

        await Expect(approver.GetByTestId("nav-requests")).ToBeVisibleAsync();
        await Expect(approver.GetByTestId("nav-rosters")).ToHaveCountAsync(0);
        await Expect(admin.GetByTestId("nav-rosters")).ToBeVisibleAsync();
    }

    private async Task<IPage> SignedInAsAsync(string userId)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en",
            TimezoneId = "Africa/Casablanca",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/#/sign-in");
        await page.GetByTestId($"sign-in-{userId}").ClickAsync();
        await Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        return page;
    }
}
