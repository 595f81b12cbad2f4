namespace CivilProtection.Browser.Tests;

/// <summary>
/// The pages follow the language on the person's profile (the one their SMS use) unless a language was picked on this
/// browser, and a language picked on the pages goes to the profile: the person's SMS and their other devices follow.
/// </summary>
public sealed class ProfileLanguageOnThePagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const float Slow = 60_000;

    [Fact]
    public async Task A_French_browser_shows_Arabic_to_a_person_whose_profile_is_Arabic_and_their_choice_of_English_goes_to_their_SMS()
    {
        // ma-admin's profile says Arabic (the seed); the browser speaks French, and nothing was picked on it.
        var page = await fixture.SignedInAsAsync("ma-admin", "fr", chosen: false);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ar", new() { Timeout = Slow });
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.GetByTestId("language")).ToHaveValueAsync("ar");

        await page.GetByTestId("language").SelectOptionAsync("en");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        var people = fixture.Host.Service<CivilProtection.Application.Rosters.IPeople>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await people.FindAsync("ma-admin", CancellationToken.None))!.Language != "en")
        {
            Assert.True(DateTime.UtcNow < deadline, "The choice of English never reached ma-admin's profile.");
            await Task.Delay(100);
        }
        await page.Context.CloseAsync();

        // Another browser, in French, with nothing picked on it: the profile's English.
        var elsewhere = await fixture.SignedInAsAsync("ma-admin", "fr", chosen: false);
        await Expect(elsewhere.Locator("html")).ToHaveAttributeAsync("lang", "en", new() { Timeout = Slow });
        await elsewhere.Context.CloseAsync();

        // A browser where French was picked stays French.
        var picked = await fixture.SignedInAsAsync("ma-admin", "fr");
        await Expect(picked.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        await Expect(picked.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        Assert.Equal("en", (await people.FindAsync("ma-admin", CancellationToken.None))!.Language);
        await picked.Context.CloseAsync();
    }
}
