using Deque.AxeCore.Playwright;

namespace CivilProtection.Browser.Tests;

/// <summary>What every page must be, whatever it shows: worded from the dictionaries, and accessible.</summary>
internal static class PageChecks
{
    /// <summary>Collects the texts missing from the dictionaries, which i18n.js logs, from now on.</summary>
    public static List<string> MissingTexts(IPage page)
    {
        var missing = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Missing text", StringComparison.Ordinal))
            {
                missing.Add(message.Text);
            }
        };
        return missing;
    }

    /// <summary>axe-core finds no violation on the page as it is now.</summary>
    /// <summary>The lines of the CSV file a page's link points at, fetched with the page's own sign-in.</summary>
    public static async Task<string[]> CsvLinesOfLinkAsync(IPage page, string testId)
    {
        var href = await page.GetByTestId(testId).GetAttributeAsync("href");
        var text = await page.EvaluateAsync<string>("async (href) => (await fetch(href, { credentials: 'same-origin' })).text()", href);
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    public static async Task ExpectAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        Assert.NotEmpty(result.Passes); // axe ran in the page, despite its Content-Security-Policy
        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v =>
            $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target?.ToString() ?? "")))})")));
    }
}
