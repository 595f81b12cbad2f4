namespace CivilProtection.Browser.Tests;

/// <summary>
/// National resource types through the pages: Spain's admin adds one on the directory page (a missing name shown under
/// its field first), and a Moroccan duty officer, in French, picks it in the request form; the request page names it.
/// Morocco's admin sets the team Morocco sends for a module on the same page.
/// </summary>
public sealed class NationalTypesOnThePagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const float Slow = 30_000;

    [Fact]
    public async Task An_admin_adds_a_national_type_and_a_duty_officer_asks_for_it_through_the_form()
    {
        var slug = $"drone-team-{Guid.NewGuid().ToString("N")[..6]}";
        var code = $"ES-DGPCE.{slug}";
        var admin = await fixture.SignedInAsAsync("es-admin");
        var adminMissing = PageChecks.MissingTexts(admin);
        await admin.GetByTestId("nav-directory").ClickAsync();
        await Expect(admin.GetByTestId("directory-new-national-type")).ToBeVisibleAsync(new() { Timeout = Slow });
        await admin.GetByTestId("directory-new-national-type").ClickAsync();
        await admin.GetByTestId("dir-type-slug").FillAsync(slug);
        await admin.GetByTestId("dir-type-unit").SelectOptionAsync("team");
        await admin.GetByTestId("dir-type-names.fr").FillAsync("Équipe de drones");
        await admin.GetByTestId("dir-type-names.en").FillAsync("Drone team");
        await admin.GetByTestId("directory-save-national-type").ClickAsync();
        await Expect(admin.GetByTestId("dir-type-names.ar-error")).Not.ToBeEmptyAsync(new() { Timeout = Slow });
        await Expect(admin.GetByTestId("dir-type-names.fr-error")).ToBeEmptyAsync(new() { Timeout = Slow });
        await PageChecks.ExpectAccessibleAsync(admin);

        await admin.GetByTestId("dir-type-names.ar").FillAsync("فريق الطائرات المسيرة");
        await admin.GetByTestId("directory-save-national-type").ClickAsync();
        var row = admin.Locator($"[data-testid='directory-national-type'][data-code='{code}']");
        await Expect(row).ToContainTextAsync("Drone team", new() { Timeout = Slow });
        await Expect(admin.GetByTestId("announcer")).ToContainTextAsync(code, new() { Timeout = Slow });
        await PageChecks.ExpectAccessibleAsync(admin);

        var duty = await fixture.SignedInAsAsync("ma-duty", "fr");
        var dutyMissing = PageChecks.MissingTexts(duty);
        await duty.GetByTestId("nav-new").ClickAsync();
        await RequestFormSteps.FillValidAsync(duty);
        await duty.GetByTestId("field-capabilities[0].code").SelectOptionAsync(code);
        await PageChecks.ExpectAccessibleAsync(duty);
        await duty.GetByTestId("submit-request").ClickAsync();
        await Expect(duty.GetByTestId("request-reference")).Not.ToBeEmptyAsync(new() { Timeout = Slow });
        await Expect(duty.Locator("main")).ToContainTextAsync("Équipe de drones", new() { Timeout = Slow });
        Assert.Empty(adminMissing);
        Assert.Empty(dutyMissing);
    }

    [Fact]
    public async Task An_admin_sets_the_team_their_authority_sends_for_a_module()
    {
        var admin = await fixture.SignedInAsAsync("ma-admin", "fr");
        var missing = PageChecks.MissingTexts(admin);
        await admin.GetByTestId("nav-directory").ClickAsync();
        await Expect(admin.GetByTestId("dir-composition-code")).ToBeVisibleAsync(new() { Timeout = Slow });
        await admin.GetByTestId("dir-composition-code").SelectOptionAsync("FRB");
        await Expect(admin.GetByTestId("dir-composition-source")).ToContainTextAsync("Exemple du catalogue", new() { Timeout = Slow });
        await PageChecks.ExpectAccessibleAsync(admin);

        var roles = admin.GetByTestId("dir-composition-role");
        var count = await roles.CountAsync();
        await roles.Nth(count - 1).Locator("input").Nth(1).FillAsync("beaucoup");
        await admin.GetByTestId("directory-save-composition").ClickAsync();
        await Expect(admin.GetByTestId($"dir-composition-roles[{count - 1}].count-error")).Not.ToBeEmptyAsync(new() { Timeout = Slow });
        using (var api = fixture.Host.ClientFor("ma-admin"))
        {
            Assert.Null((await api.GetFromJsonAsync<JsonObject>("/api/catalogue"))!["ownCompositions"]!["FRB"]);
        }

        await roles.Nth(count - 1).Locator("input").Nth(1).FillAsync("9");
        await admin.GetByTestId("directory-save-composition").ClickAsync();
        await Expect(admin.GetByTestId("announcer")).ToContainTextAsync("FRB", new() { Timeout = Slow });
        await admin.GetByTestId("dir-composition-code").SelectOptionAsync("FRB");
        await Expect(admin.GetByTestId("dir-composition-source")).ToContainTextAsync("propre à votre autorité", new() { Timeout = Slow });
        using (var api = fixture.Host.ClientFor("ma-admin"))
        {
            var stored = (await api.GetFromJsonAsync<JsonObject>("/api/catalogue"))!["ownCompositions"]!["FRB"]!["composition"]!["roles"]!.AsArray();
            Assert.Equal(9, (int)stored[count - 1]!["count"]!);
        }
        await PageChecks.ExpectAccessibleAsync(admin);
        Assert.Empty(missing);
    }
}
