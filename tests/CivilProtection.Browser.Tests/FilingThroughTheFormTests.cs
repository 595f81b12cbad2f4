using System.Text.RegularExpressions;

namespace CivilProtection.Browser.Tests;

public sealed partial class FilingThroughTheFormTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_request_filed_through_the_form_arrives_in_the_approver_inbox_and_can_be_approved()
    {
        var duty = await fixture.SignedInAsAsync("ma-duty");
        await duty.GetByTestId("nav-new").ClickAsync();
        await RequestFormSteps.FillValidAsync(duty);
        await duty.GetByTestId("submit-request").ClickAsync();

        var reference = duty.GetByTestId("request-reference");
        await Expect(reference).ToHaveTextAsync(ReferencePattern());
        var filed = (await reference.TextContentAsync())!.Trim();
        await Expect(duty.GetByTestId("request-status")).ToContainTextAsync("pending", new() { IgnoreCase = true });

        var approver = await fixture.SignedInAsAsync("ma-approver");
        await approver.GetByTestId("nav-inbox").ClickAsync();
        var row = approver.Locator($"[data-testid='inbox-row'][data-reference='{filed}']");
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await row.ClickAsync();
        await approver.GetByTestId("decide-approve").ClickAsync();
        await approver.GetByTestId("decision-confirm").ClickAsync();

        // Stage 1 approved: the request waits now for the French acceptance stage.
        await Expect(approver.Locator("[data-testid='timeline-entry'][data-action='stage-approved']")).ToHaveCountAsync(1);
        await Expect(approver.Locator("[data-testid='timeline-entry'][data-action='stage-opened']")).ToHaveCountAsync(2);
        await Expect(approver.GetByTestId("decide-approve")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_form_names_each_bad_field_before_sending_and_the_page_switches_to_French()
    {
        var duty = await fixture.SignedInAsAsync("ma-duty");
        await duty.GetByTestId("nav-new").ClickAsync();
        await duty.GetByTestId("field-contact.phone").FillAsync("not a phone");
        await duty.GetByTestId("submit-request").ClickAsync();

        await Expect(duty.GetByTestId("error-incident.title")).Not.ToBeEmptyAsync();
        await Expect(duty.GetByTestId("error-contact.phone")).Not.ToBeEmptyAsync();
        await Expect(duty.GetByTestId("field-incident.title")).ToHaveAttributeAsync("aria-invalid", "true");
        var english = await duty.GetByTestId("submit-request").TextContentAsync();

        await duty.GetByTestId("language").SelectOptionAsync("fr");

        await Expect(duty.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(duty.GetByTestId("submit-request")).Not.ToHaveTextAsync(english!);
        await Expect(duty.GetByTestId("error-contact.phone")).Not.ToBeEmptyAsync();
    }

    [Fact]
    public async Task Ticking_partners_on_the_form_asks_each_of_them_for_offers_after_validation()
    {
        var duty = await fixture.SignedInAsAsync("ma-duty");
        var missingTexts = PageChecks.MissingTexts(duty);
        await duty.GetByTestId("nav-new").ClickAsync();
        await RequestFormSteps.FillValidAsync(duty, assisting: null);
        await duty.GetByTestId("partner-FR-DGSCGC").CheckAsync();
        await duty.GetByTestId("partner-ES-DGPCE").CheckAsync();
        await PageChecks.ExpectAccessibleAsync(duty);
        await duty.GetByTestId("submit-request").ClickAsync();

        await Expect(duty.GetByTestId("request-reference")).ToHaveTextAsync(ReferencePattern());
        var id = duty.Url[(duty.Url.LastIndexOf('/') + 1)..];
        using var client = fixture.Host.ClientFor("ma-duty");
        var view = (await client.GetFromJsonAsync<JsonObject>($"/api/requests/{id}"))!;
        Assert.Equal("pending-approval", (string)view["status"]!);
        Assert.Equal(["ES-DGPCE", "FR-DGSCGC"], view["exchange"]!["addressees"]!.AsArray().Select(a => (string)a!["authorityId"]!).Order());
        Assert.Empty(missingTexts);
    }

    [GeneratedRegex(@"^\s*AR-\d{4}-\d{5}\s*$")]
    private static partial Regex ReferencePattern();
}
