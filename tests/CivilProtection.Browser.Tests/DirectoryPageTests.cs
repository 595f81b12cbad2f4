namespace CivilProtection.Browser.Tests;

/// <summary>
/// The directory administered through its page, as on a fresh deployment: the platform administrator adds an
/// authority (a refusal shown under each field it names), a partnership towards it and its first administrator; an
/// authority's admin changes its own side's stages and nothing else; every change is on the audit trail; retiring
/// keeps the authority listed.
/// </summary>
public sealed class DirectoryPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const float Slow = 30_000;

    [Fact]
    public async Task The_platform_administrator_adds_an_authority_a_partnership_and_its_admin_and_an_authority_admin_edits_only_its_own_side()
    {
        var platform = await fixture.SignedInAsAsync("platform-admin");
        var missingTexts = PageChecks.MissingTexts(platform);
        await platform.GetByTestId("nav-directory").ClickAsync();
        await Expect(platform.Locator("h1")).ToBeFocusedAsync(new() { Timeout = Slow });
        await Expect(platform.Locator("[data-testid='directory-authority'][data-authority='MA-DGPC']")).ToBeVisibleAsync(new() { Timeout = Slow });
        await PageChecks.ExpectAccessibleAsync(platform);

        // A new authority with an unknown zone and no Arabic name: both are named under their fields, nothing is stored.
        await platform.GetByTestId("directory-new-authority").ClickAsync();
        await platform.GetByTestId("dir-authority-id").FillAsync("IT-DPC");
        await platform.GetByTestId("dir-authority-country").FillAsync("IT");
        await platform.GetByTestId("dir-authority-name").FillAsync("Dipartimento della Protezione Civile");
        await platform.GetByTestId("dir-authority-names.fr").FillAsync("Département de la protection civile");
        await platform.GetByTestId("dir-authority-names.en").FillAsync("Civil Protection Department");
        await platform.GetByTestId("dir-authority-languages-en").CheckAsync();
        await platform.GetByTestId("dir-authority-languages-fr").CheckAsync();
        await platform.GetByTestId("dir-authority-timeZone").FillAsync("Europe/Nowhere");
        await platform.GetByTestId("directory-save-authority").ClickAsync();
        await Expect(platform.GetByTestId("dir-authority-timeZone-error")).Not.ToBeEmptyAsync(new() { Timeout = Slow });
        await Expect(platform.GetByTestId("dir-authority-names.ar-error")).Not.ToBeEmptyAsync(new() { Timeout = Slow });
        await Expect(platform.GetByTestId("dir-authority-name-error")).ToBeEmptyAsync(new() { Timeout = Slow });
        await Expect(platform.GetByTestId("directory-error")).ToBeVisibleAsync(new() { Timeout = Slow });
        await PageChecks.ExpectAccessibleAsync(platform);
        using (var api = fixture.Host.ClientFor("platform-admin"))
        {
            using var none = await api.GetAsync("/api/directory/authorities/IT-DPC");
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }

        await platform.GetByTestId("dir-authority-names.ar").FillAsync("إدارة الحماية المدنية");
        await platform.GetByTestId("dir-authority-timeZone").FillAsync("Europe/Rome");
        await platform.GetByTestId("directory-save-authority").ClickAsync();
        var italy = platform.Locator("[data-testid='directory-authority'][data-authority='IT-DPC']");
        await Expect(italy).ToContainTextAsync("Civil Protection Department", new() { Timeout = Slow });
        await Expect(italy).ToContainTextAsync("Europe/Rome", new() { Timeout = Slow });
        await Expect(platform.GetByTestId("announcer")).ToContainTextAsync("IT-DPC", new() { Timeout = Slow });

        // Morocco may ask Italy: validation on Morocco's side, offer approval on Italy's.
        await platform.GetByTestId("directory-new-partnership").ClickAsync();
        await platform.GetByTestId("dir-partnership-requestingId").SelectOptionAsync("MA-DGPC");
        // An authority asking itself is named on the page before anything is sent.
        await platform.GetByTestId("dir-partnership-assistingId").SelectOptionAsync("MA-DGPC");
        await platform.GetByTestId("directory-save-partnership").ClickAsync();
        await Expect(platform.GetByTestId("dir-partnership-assistingId-error")).ToHaveTextAsync("An authority does not ask itself.", new() { Timeout = Slow });
        await platform.GetByTestId("dir-partnership-assistingId").SelectOptionAsync("IT-DPC");
        await platform.GetByTestId("dir-partnership-offerStages[0].approverGroup").FillAsync("it-offers");
        await platform.GetByTestId("directory-save-partnership").ClickAsync();
        var towardsItaly = platform.Locator("[data-testid='directory-partnership'][data-from='MA-DGPC'][data-to='IT-DPC']");
        await Expect(towardsItaly.GetByTestId("directory-side-offer")).ToContainTextAsync("it-offers", new() { Timeout = Slow });

        // Italy's first administrator.
        await platform.GetByTestId("directory-people-of").SelectOptionAsync("IT-DPC");
        await Expect(platform.Locator("#dir-people-title")).ToContainTextAsync("IT-DPC", new() { Timeout = Slow });
        await platform.GetByTestId("directory-new-person").ClickAsync();
        await platform.GetByTestId("dir-person-userId").FillAsync("it-admin");
        await platform.GetByTestId("dir-person-displayName").FillAsync("Giulia Rossi");
        await platform.GetByTestId("dir-person-roles-admin").CheckAsync();
        await platform.GetByTestId("directory-save-person").ClickAsync();
        await Expect(platform.Locator("[data-testid='directory-person'][data-user='it-admin']")).ToContainTextAsync("Giulia Rossi", new() { Timeout = Slow });
        await Expect(platform.Locator("[data-testid='directory-audit-entry'][data-action='create'][data-entity='it-admin']")).ToHaveCountAsync(1, new() { Timeout = Slow });
        await Expect(platform.Locator("[data-testid='directory-audit-entry'][data-action='create'][data-entity='IT-DPC']")).ToHaveCountAsync(1, new() { Timeout = Slow });
        await PageChecks.ExpectAccessibleAsync(platform);

        // Morocco's admin runs Morocco's validation towards Italy, and sees no control over Italy's side or the authorities.
        var admin = await fixture.SignedInAsAsync("ma-admin", "fr");
        var adminMissing = PageChecks.MissingTexts(admin);
        await admin.GetByTestId("nav-directory").ClickAsync();
        var seenByMorocco = admin.Locator("[data-testid='directory-partnership'][data-from='MA-DGPC'][data-to='IT-DPC']");
        await Expect(seenByMorocco).ToBeVisibleAsync(new() { Timeout = Slow });
        await Expect(seenByMorocco.GetByTestId("directory-edit-stages-offer")).ToHaveCountAsync(0, new() { Timeout = Slow });
        await Expect(admin.GetByTestId("directory-new-authority")).ToHaveCountAsync(0, new() { Timeout = Slow });
        await Expect(admin.GetByTestId("directory-edit-IT-DPC")).ToHaveCountAsync(0, new() { Timeout = Slow });
        await seenByMorocco.GetByTestId("directory-edit-stages-request").ClickAsync();
        await admin.GetByTestId("dir-stages-stages[0].approverGroup").FillAsync("validation-italie");
        await admin.GetByTestId("dir-stages-stages[0].deadlines.urgent").FillAsync("");
        await admin.GetByTestId("directory-save-stages").ClickAsync();
        await Expect(admin.GetByTestId("dir-stages-stages[0].deadlines.urgent-error")).Not.ToBeEmptyAsync(new() { Timeout = Slow });
        await admin.GetByTestId("dir-stages-stages[0].deadlines.urgent").FillAsync("6");
        await admin.GetByTestId("directory-save-stages").ClickAsync();
        await Expect(seenByMorocco.GetByTestId("directory-side-request")).ToContainTextAsync("validation-italie", new() { Timeout = Slow });
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Annuaire", new() { Timeout = Slow });
        await PageChecks.ExpectAccessibleAsync(admin);
        using (var api = fixture.Host.ClientFor("platform-admin"))
        {
            var stored = (await api.GetFromJsonAsync<JsonObject>("/api/directory/partnerships/MA-DGPC/IT-DPC"))!["value"]!;
            Assert.Equal("06:00:00", (string)stored["requestStages"]![0]!["deadlines"]!["urgent"]!);
            Assert.Equal("it-offers", (string)stored["offerStages"]![0]!["approverGroup"]!);
        }

        // Retired, Italy stays listed, marked so; a second press confirms.
        await platform.GetByTestId("directory-edit-IT-DPC").ClickAsync();
        await platform.GetByTestId("directory-retire").ClickAsync();
        await Expect(italy.GetByTestId("directory-retired")).ToHaveCountAsync(0, new() { Timeout = Slow });
        await platform.GetByTestId("directory-retire").ClickAsync();
        await Expect(italy.GetByTestId("directory-retired")).ToBeVisibleAsync(new() { Timeout = Slow });
        await Expect(platform.Locator("[data-testid='directory-audit-entry'][data-action='retire'][data-entity='IT-DPC']")).ToHaveCountAsync(1, new() { Timeout = Slow });
        Assert.Empty(missingTexts);
        Assert.Empty(adminMissing);
    }
}
