namespace CivilProtection.Browser.Tests;

/// <summary>The home page and the inbox show a page at a time and follow the server's next link; the home page filters on the server.</summary>
public sealed class ListPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const float Slow = 60_000;

    [Fact]
    public async Task More_than_a_page_shows_fifty_then_the_rest_on_more_with_cancelled_ones_only_when_asked()
    {
        // Fifty-two filings from Spain to Portugal, the first of them cancelled: 51 in progress, one more than a page.
        using var duty = fixture.Host.ClientFor("es-duty");
        var references = new List<string>();
        string? firstId = null;
        for (var i = 0; i < 52; i++)
        {
            using var filed = await duty.PostAsJsonAsync("/api/requests", RequestSamples.Flood(assisting: "PT-ANEPC"));
            Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
            var view = (await filed.Content.ReadFromJsonAsync<JsonObject>())!;
            firstId ??= (string)view["id"]!;
            references.Add((string)view["reference"]!);
        }
        using (var cancelled = await duty.PostAsJsonAsync($"/api/requests/{firstId}/cancellation", new JsonObject { ["comment"] = "Maîtrisé" }))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        var page = await fixture.SignedInAsAsync("es-duty");
        var missing = PageChecks.MissingTexts(page);
        var rows = page.GetByTestId("request-row");
        // The list is fed through the queue: wait until the newest filing and the cancellation have reached it.
        var until = DateTime.UtcNow.AddSeconds(60);
        do
        {
            await page.GotoAsync("/#/requests?status=cancelled");
            await page.ReloadAsync();
            await Expect(page.Locator(".list-area[aria-busy='false']")).ToBeVisibleAsync(new() { Timeout = Slow });
        }
        while (await rows.CountAsync() == 0 && DateTime.UtcNow < until);
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(references[0]);

        await page.GetByTestId("status-filter").SelectOptionAsync("");
        await Expect(rows).ToHaveCountAsync(50, new() { Timeout = Slow });
        await Expect(rows.First).ToContainTextAsync(references[^1]);
        var more = page.GetByTestId("requests-more");
        await Expect(more).ToBeVisibleAsync();
        await PageChecks.ExpectAccessibleAsync(page);
        await more.ClickAsync();
        await Expect(rows).ToHaveCountAsync(51, new() { Timeout = Slow });
        await Expect(more).ToHaveCountAsync(0);
        // The export holds every request the filter shows, not the pages shown: 51 lines under its header.
        Assert.Contains("format=csv", await page.GetByTestId("requests-csv").GetAttributeAsync("href"), StringComparison.Ordinal);
        var exportedLines = await PageChecks.CsvLinesOfLinkAsync(page, "requests-csv");
        Assert.StartsWith("reference,requestId,title", exportedLines[0], StringComparison.Ordinal);
        Assert.Equal(51, exportedLines.Count(l => references.Any(r => l.StartsWith(r + ",", StringComparison.Ordinal))));
        await Expect(rows.Last).ToContainTextAsync(references[1]);
        await Expect(page.Locator("[data-testid='request-row']", new() { HasText = references[0] })).ToHaveCountAsync(0);

        await page.GetByTestId("status-filter").SelectOptionAsync("all");
        await Expect(rows).ToHaveCountAsync(50, new() { Timeout = Slow });
        await page.GetByTestId("reference-search").FillAsync(references[7]);
        await page.GetByTestId("reference-search-go").ClickAsync();
        await Expect(rows).ToHaveCountAsync(1, new() { Timeout = Slow });
        await Expect(rows.First).ToContainTextAsync(references[7]);

        // Spain's validators decide the first stage: their inbox holds the 51 still waiting.
        var approver = await fixture.SignedInAsAsync("es-approver");
        await approver.GotoAsync("/#/inbox");
        var items = approver.GetByTestId("inbox-row");
        await Expect(items).ToHaveCountAsync(50, new() { Timeout = Slow });
        await approver.GetByTestId("inbox-more").ClickAsync();
        await Expect(items).ToHaveCountAsync(51, new() { Timeout = Slow });
        await Expect(approver.GetByTestId("inbox-more")).ToHaveCountAsync(0);
        Assert.Empty(missing);
    }
}
