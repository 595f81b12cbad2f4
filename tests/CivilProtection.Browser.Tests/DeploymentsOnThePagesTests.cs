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
        var (setup, requestId) = await FrenchOfferAcceptedAsync();

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

    [Fact]
    public async Task Once_home_France_claims_its_costs_on_the_page_revises_the_disputed_line_and_Morocco_records_the_payment()
    {
        var (setup, requestId) = await FrenchOfferAcceptedAsync();
        var reports = new[]
        {
            new JsonObject { ["status"] = "departed", ["expectedArrival"] = DateTimeOffset.UtcNow.AddHours(2).ToString("O") },
            new JsonObject { ["status"] = "arrived-on-site" }, new JsonObject { ["status"] = "demobilising" }, new JsonObject { ["status"] = "returned" },
        };
        foreach (var report in reports)
        {
            await setup.PostUntilOkAsync("fr-coordinator", $"/api/requests/{requestId}/deployments/FR-DGSCGC/reports", report);
        }

        // France's coordinator, in French: two lines, transport the EU may co-finance.
        var france = await fixture.SignedInAsAsync("fr-coordinator", "fr");
        var missingFrench = PageChecks.MissingTexts(france);
        await france.GotoAsync($"/#/requests/{requestId}");
        var form = france.GetByTestId("claim-submit-form");
        await Expect(form).ToBeVisibleAsync(new() { Timeout = Slow });
        await form.GetByTestId("claim-line-0-category").SelectOptionAsync("transport");
        await form.GetByTestId("claim-line-0-description").FillAsync("Convoi Nîmes – Sidi Kacem");
        await form.GetByTestId("claim-line-0-amount").FillAsync("18250.50");
        await form.GetByTestId("claim-line-0-eu").CheckAsync();
        await form.GetByTestId("claim-add-line").ClickAsync();
        await form.GetByTestId("claim-line-1-category").SelectOptionAsync("subsistence");
        await form.GetByTestId("claim-line-1-description").FillAsync("Repas de 16 personnes, 10 jours");
        await form.GetByTestId("claim-line-1-amount").FillAsync("4800");
        await PageChecks.ExpectAccessibleAsync(france);
        await form.GetByTestId("claim-submit").ClickAsync();
        var claim = france.Locator("[data-testid='claim'][data-authority='FR-DGSCGC']");
        await Expect(claim).ToHaveAttributeAsync("data-status", "submitted", new() { Timeout = Slow });
        await Expect(france.GetByTestId("claims-totals")).ToContainTextAsync("EUR");

        // Morocco's approver approves the transport and disputes the meals; France revises them down; Morocco approves them.
        var approver = await fixture.SignedInAsAsync("ma-approver");
        var missingEnglish = PageChecks.MissingTexts(approver);
        await approver.GotoAsync($"/#/requests/{requestId}");
        var review = approver.GetByTestId("claim-review-form");
        await Expect(review).ToBeVisibleAsync(new() { Timeout = Slow });
        await review.GetByTestId("review-line-1-decision").SelectOptionAsync("dispute");
        await review.GetByTestId("review-line-1-reason").FillAsync("Barème de 25 € par repas.");
        await PageChecks.ExpectAccessibleAsync(approver);
        await review.GetByTestId("claim-review-submit").ClickAsync();
        var reviewed = approver.Locator("[data-testid='claim'][data-authority='FR-DGSCGC']");
        await Expect(reviewed).ToHaveAttributeAsync("data-status", "under-review", new() { Timeout = Slow });

        await france.ReloadAsync();
        var revise = france.GetByTestId("claim-revise-form");
        await Expect(revise).ToContainTextAsync("Barème de 25 € par repas.", new() { Timeout = Slow });
        await revise.GetByTestId("revise-line-1-amount").FillAsync("4000");
        await PageChecks.ExpectAccessibleAsync(france);
        await revise.GetByTestId("claim-revise-submit").ClickAsync();
        await Expect(france.GetByTestId("claim-revise-form")).ToHaveCountAsync(0, new() { Timeout = Slow });

        await approver.ReloadAsync();
        await approver.GetByTestId("claim-review-submit").ClickAsync(new() { Timeout = Slow });
        await Expect(reviewed).ToHaveAttributeAsync("data-status", "approved", new() { Timeout = Slow });
        await approver.GetByTestId("claim-payment-reference").FillAsync("VIR-2026-1207");
        await approver.GetByTestId("claim-payment-submit").ClickAsync();
        await Expect(reviewed).ToHaveAttributeAsync("data-status", "paid", new() { Timeout = Slow });
        await Expect(reviewed.GetByTestId("claim-payment")).ToContainTextAsync("VIR-2026-1207");
        await PageChecks.ExpectAccessibleAsync(approver);
        using (var api = fixture.Host.ClientFor("fr-coordinator"))
        {
            var stored = (await api.GetFromJsonAsync<JsonObject>($"/api/requests/{requestId}/claims"))!["claims"]![0]!;
            Assert.Equal([18250.50m, 4000m], stored["lines"]!.AsArray().Select(l => (decimal)l!["amount"]!));
            Assert.Equal([true, false], stored["lines"]!.AsArray().Select(l => (bool?)l!["euMayCoFinance"] ?? false));
            Assert.Equal([1, "approved"], new object[] { (int)stored["lines"]![1]!["revision"]!, (string)stored["lines"]![1]!["review"]!["status"]! });
        }
        Assert.Empty(missingFrench);
        Assert.Empty(missingEnglish);
    }

    // Filed to France and Portugal, France's offer sent and both its pumps accepted by Morocco.
    private async Task<(ExchangeSetup Setup, string RequestId)> FrenchOfferAcceptedAsync()
    {
        var setup = new ExchangeSetup(fixture.Host);
        var requestId = await setup.OpenWithFrenchOfferAsync();
        var offerId = await setup.WaitForOfferIdAsync(requestId);
        await setup.PostUntilOkAsync("ma-duty", $"/api/requests/{requestId}/offers/{offerId}/decision", new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject { ["offerLine"] = 0, ["quantity"] = 2 }),
        });
        return (setup, requestId);
    }
}
