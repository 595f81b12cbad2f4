namespace CivilProtection.Browser.Tests;

/// <summary>The local host on loopback and Debian's Chromium, headless, driven by Playwright (no browser download).</summary>
public class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public TestHost Host { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await StartHostAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CP_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            // This machine's network is closed: without these, Chromium keeps trying to reach Google's services.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>
    /// A fresh browser context (its own cookies) on a phone-sized screen, signed in as <paramref name="userId"/> through
    /// the sign-in page. The browser speaks <paramref name="language"/>; unless <paramref name="chosen"/> is false, the
    /// language was also picked on this browser, so the pages keep it whatever the person's profile says.
    /// </summary>
    public async Task<IPage> SignedInAsAsync(string userId, string language = "en", bool chosen = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = language,
            TimezoneId = "Africa/Casablanca",
        });
        if (chosen)
        {
            // As the picker stores it (i18n.js); only when nothing is stored, so a test may still switch with the picker.
            await context.AddInitScriptAsync($"try {{ localStorage.getItem('civilprotection.language') || localStorage.setItem('civilprotection.language', '{language.Split('-')[0]}'); }} catch {{ }}");
        }
        var page = await context.NewPageAsync();
        await page.GotoAsync("/#/sign-in");
        await page.GetByTestId($"sign-in-{userId}").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>The host the pages are served from; a fixture may start it with settings or services of its own.</summary>
    protected virtual Task<TestHost> StartHostAsync() => TestHost.StartAsync();

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Host.DisposeAsync();
    }
}
