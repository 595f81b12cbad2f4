namespace CivilProtection.Browser.Tests;

/// <summary>
/// The pages in Arabic: right to left, every text from ar.json, accessible, nothing wider than a phone, and numbers
/// and dates as Moroccan readers expect them (ar-MA: Latin digits, its own month names), though the browser only says "ar".
/// </summary>
public sealed class ArabicPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const float Slow = 60_000;

    // Salma Benali, ma-approver, is on call for the validation stage: filing pages her phone.
    private const string ApproverPhone = "+212661000102";

    [Fact]
    public async Task Every_page_reads_right_to_left_in_Arabic_and_fits_a_phone()
    {
        var (id, reference) = await FileAsync();

        var approver = await fixture.SignedInAsAsync("ma-approver", "ar");
        var missing = PageChecks.MissingTexts(approver);
        // Morocco's Arabic names its months as its French does (August is غشت, not أغسطس) and writes Latin digits.
        // The page runs its bundle: the module imported here is the source's own copy, which loads the page's language first.
        var august = await approver.EvaluateAsync<string>(
            "async () => { const i18n = await import(new URL('i18n.js', document.baseURI).href); await i18n.initLanguage(); return i18n.formatDateTime('2026-08-15T10:00:00Z'); }");
        Assert.Contains("غشت", august);
        Assert.Contains("2026", august);
        var picker = approver.GetByTestId("language");
        await Expect(picker).ToHaveValueAsync("ar");
        await Expect(picker.Locator("option[value='ar']")).ToHaveTextAsync("العربية");

        // Home is her work: the stage waiting for her decision, with its countdown.
        await Expect(approver.GetByTestId("work-approvals").Locator("[data-testid='inbox-row']", new() { HasText = reference })).ToBeVisibleAsync(new() { Timeout = Slow });
        await ExpectArabicPageAsync(approver, "home");

        await approver.GotoAsync("/#/requests");
        await Expect(approver.Locator($"[data-testid='request-row']", new() { HasText = reference })).ToBeVisibleAsync(new() { Timeout = Slow });
        await ExpectArabicPageAsync(approver, "requests");

        await approver.GotoAsync($"/#/requests/{id}");
        await Expect(approver.GetByTestId("request-reference")).ToHaveTextAsync(reference, new() { Timeout = Slow });
        await Expect(approver.GetByTestId("pending-stage")).ToBeVisibleAsync(new() { Timeout = Slow });
        await Expect(approver.GetByTestId("request-needed-by").GetByTestId("zone-time").First).ToBeVisibleAsync();
        await ExpectArabicPageAsync(approver, "request");

        await approver.GotoAsync("/#/inbox");
        await Expect(approver.Locator("[data-testid='inbox-row']", new() { HasText = reference })).ToBeVisibleAsync(new() { Timeout = Slow });
        await Expect(approver.GetByTestId("inbox-refreshed")).Not.ToBeEmptyAsync();
        await ExpectArabicPageAsync(approver, "inbox");

        await approver.GotoAsync($"/#/sandbox?phone={Uri.EscapeDataString(ApproverPhone)}");
        await Expect(approver.GetByTestId("sandbox-phone")).ToHaveTextAsync(ApproverPhone, new() { Timeout = Slow });
        await Expect(approver.Locator("[data-testid='sandbox-message']", new() { HasText = reference }).First).ToBeVisibleAsync(new() { Timeout = Slow });
        await ExpectArabicPageAsync(approver, "sandbox");
        Assert.Empty(missing);

        // The rosters page with all it holds (on call now, shifts, people, import) is an admin's.
        var admin = await fixture.SignedInAsAsync("ma-admin", "ar");
        var adminMissing = PageChecks.MissingTexts(admin);
        await admin.GotoAsync("/#/rosters");
        await Expect(admin.GetByTestId("people-table")).ToBeVisibleAsync(new() { Timeout = Slow });
        await Expect(admin.GetByTestId("on-call-validation")).ToBeVisibleAsync();
        await ExpectArabicPageAsync(admin, "rosters");

        // The directory as the platform administrator runs it: every authority, partnership, person and change.
        await admin.GotoAsync("/#/directory");
        await Expect(admin.GetByTestId("directory-person").First).ToBeVisibleAsync(new() { Timeout = Slow });
        await Expect(admin.GetByTestId("directory-partnership").First).ToBeVisibleAsync();
        await ExpectArabicPageAsync(admin, "directory");
        Assert.Empty(adminMissing);
    }

    private static async Task ExpectArabicPageAsync(IPage page, string name)
    {
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        var direction = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('main')).direction");
        Assert.Equal("rtl", direction);

        var widths = await page.EvaluateAsync<int[]>(
            "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
        var (scrollWidth, clientWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= clientWidth, $"The {name} page scrolls sideways: {scrollWidth} px wide in {clientWidth} px, past its edges: " +
            await page.EvaluateAsync<string>("""
                () => [...document.body.querySelectorAll('*')]
                  .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.left < -0.5 || r.right > document.documentElement.clientWidth + 0.5); })
                  .filter((e) => ![...e.children].some((c) => { const r = c.getBoundingClientRect(); return r.left < -0.5 || r.right > document.documentElement.clientWidth + 0.5; }))
                  .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}[${e.dataset.testid ?? ''}] "${e.textContent.slice(0, 40)}"`).join('; ')
                """));

        // Arabic-Indic digits (٠-٩, ۰-۹) would mean the bare "ar" locale wrote a date or number, not ar-MA.
        var text = await page.EvaluateAsync<string>("() => document.body.innerText");
        var easternDigits = text.Where(c => c is >= '\u0660' and <= '\u0669' or >= '\u06F0' and <= '\u06F9').ToList();
        Assert.True(easternDigits.Count == 0, $"The {name} page writes Arabic-Indic digits: {text}");
        Assert.Contains(text, c => c is >= '0' and <= '9');

        await PageChecks.ExpectAccessibleAsync(page);
    }

    private Task<(string Id, string Reference)> FileAsync() => Filing.FileFloodAsync(fixture.Host);
}
