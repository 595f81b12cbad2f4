namespace CivilProtection.Browser.Tests;

/// <summary>A request page printed (print media, as the browser's "Save as PDF" renders it): the content without the navigation or any control.</summary>
public sealed class PrintedPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_printed_request_shows_its_content_and_no_navigation_or_controls()
    {
        var duty = await fixture.SignedInAsAsync("ma-duty", "fr");
        await duty.GetByTestId("nav-new").ClickAsync();
        await RequestFormSteps.FillValidAsync(duty);
        await duty.GetByTestId("submit-request").ClickAsync();
        await Expect(duty.GetByTestId("request-reference")).Not.ToBeEmptyAsync(new() { Timeout = 30_000 });
        await Expect(duty.Locator("#site-header")).ToBeVisibleAsync();
        await Expect(duty.Locator("main button:visible").First).ToBeVisibleAsync();

        await duty.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(duty.Locator("#site-header")).ToBeHiddenAsync();
        await Expect(duty.Locator("main button:visible")).ToHaveCountAsync(0);
        await Expect(duty.GetByTestId("request-reference")).ToBeVisibleAsync();
        await Expect(duty.Locator("main")).ToContainTextAsync("Feux de forêt dans le Rif");
        var pdf = await duty.PdfAsync();
        Assert.True(pdf.Length > 10_000, $"The PDF has {pdf.Length} bytes.");
    }
}
