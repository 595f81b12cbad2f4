using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CivilProtection.Browser.Tests;

/// <summary>
/// After Morocco accepts France's offer: France's coordinator reports the teams' departure and arrival on the phone
/// page (in Arabic, right to left), Morocco's duty officer sees them on the request page and asks for an extension,
/// which France's approver grants there.
/// </summary>
public sealed class DeploymentsOnThePagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const float Slow = 60_000;

    [Fact]
    public async Task France_reports_its_teams_on_the_phone_page_and_Morocco_extends_their_stay_which_France_grants()
    {
        var setup = new ExchangeSetup(fixture.Host);
        var requestId = await setup.OpenWithFrenchOfferAsync();
        var offerId = await setup.WaitForOfferIdAsync(requestId);
        await setup.PostUntilOkAsync("ma-duty", $"/api/requests/{requestId}/offers/{offerId}/decision", new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject { ["offerLine"] = 0, ["quantity"] = 2 }),
        });

        // France's coordinator, on a phone, in Arabic: from the request page to the report page.
        var coordinator = await fixture.SignedInAsAsync("fr-coordinator", "ar");
        var missingArabic = PageChecks.MissingTexts(coordinator);
        await coordinator.GotoAsync($"/#/requests/{requestId}");
        var deployment = coordinator.Locator("[data-testid='deployment'][data-authority='FR-DGSCGC']");
        await Expect(deployment).ToHaveAttributeAsync("data-status", "mobilising", new() { Timeout = Slow });
        await deployment.GetByTestId("deployment-report-link").ClickAsync();
        var report = coordinator.GetByTestId("deployment-report");
        await Expect(report).ToBeVisibleAsync(new() { Timeout = Slow });
        await Expect(coordinator.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(report.GetByTestId("report-send")).ToBeDisabledAsync();
        await PageChecks.ExpectAccessibleAsync(coordinator);

        // Departed, arriving in about two hours (one press), then on site.
        await report.GetByTestId("report-departed").ClickAsync();
        await report.GetByTestId("report-arrival-2h").ClickAsync();
        await report.GetByTestId("report-comment").FillAsync("Convoi parti de Nîmes");
        await PageChecks.ExpectAccessibleAsync(coordinator);
        await report.GetByTestId("report-send").ClickAsync();
        await Expect(coordinator.GetByTestId("report-current")).ToHaveTextAsync("انطلقت", new() { Timeout = Slow });
        await coordinator.GetByTestId("report-arrived-on-site").ClickAsync();
        await coordinator.GetByTestId("report-send").ClickAsync();
        await Expect(coordinator.GetByTestId("report-current")).ToHaveTextAsync("وصلت إلى الموقع", new() { Timeout = Slow });
        using (var api = fixture.Host.ClientFor("fr-coordinator"))
        {
            var stored = (await api.GetFromJsonAsync<JsonObject>($"/api/requests/{requestId}/deployments"))!["deployments"]![0]!;
            var departed = stored["reports"]!.AsArray().Single(r => (string)r!["status"]! == "departed")!;
            Assert.Equal("Convoi parti de Nîmes", (string)departed["comment"]!);
            var eta = DateTimeOffset.Parse((string)departed["expectedArrival"]!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(eta - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(100), TimeSpan.FromMinutes(121));
        }

        // Morocco's duty officer sees the teams on site and asks to keep them longer.
        var duty = await fixture.SignedInAsAsync("ma-duty");
        var missingEnglish = PageChecks.MissingTexts(duty);
        await duty.GotoAsync($"/#/requests/{requestId}");
        var seen = duty.Locator("[data-testid='deployment'][data-authority='FR-DGSCGC']");
        await Expect(seen).ToHaveAttributeAsync("data-status", "arrived-on-site", new() { Timeout = Slow });
        await Expect(seen.GetByTestId("deployment-report-link")).ToHaveCountAsync(0);
        await seen.GetByTestId("deployment-extend").Locator("summary").ClickAsync();
        await seen.Locator("input[type='datetime-local']").FillAsync(DateTime.Now.AddDays(30).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await seen.Locator("[data-testid='deployment-extend'] textarea").FillAsync("Les eaux montent encore.");
        await PageChecks.ExpectAccessibleAsync(duty);
        await seen.GetByTestId("deployment-extend-confirm").ClickAsync();
        await Expect(seen.GetByTestId("deployment-extension")).ToHaveAttributeAsync("data-status", "pending", new() { Timeout = Slow });

        // France's approver grants it on the request page.
        var approver = await fixture.SignedInAsAsync("fr-approver");
        await approver.GotoAsync($"/#/requests/{requestId}");
        var toDecide = approver.Locator("[data-testid='deployment'][data-authority='FR-DGSCGC']");
        await toDecide.GetByTestId("deployment-approve").ClickAsync(new() { Timeout = Slow });
        await Expect(toDecide.GetByTestId("deployment-extension")).ToHaveAttributeAsync("data-status", "approved", new() { Timeout = Slow });
        await PageChecks.ExpectAccessibleAsync(approver);

        // Morocco's board across its open requests shows France's teams on site; France's coordinator may take its people on mission as CSV.
        await duty.GetByTestId("nav-deployments").ClickAsync();
        var line = duty.Locator($"[data-testid='deployments-board-line'][data-authority='FR-DGSCGC']");
        await Expect(line.First).ToHaveAttributeAsync("data-status", "arrived-on-site", new() { Timeout = Slow });
        await Expect(duty.GetByTestId("personnel-csv")).ToHaveCountAsync(0);
        await PageChecks.ExpectAccessibleAsync(duty);
        await coordinator.GotoAsync("/#/deployments");
        await Expect(coordinator.GetByTestId("personnel-csv")).ToHaveAttributeAsync("href", "/api/deployments/personnel?format=csv", new() { Timeout = Slow });
        await PageChecks.ExpectAccessibleAsync(coordinator);
        Assert.Empty(missingArabic);
        Assert.Empty(missingEnglish);
    }
}
