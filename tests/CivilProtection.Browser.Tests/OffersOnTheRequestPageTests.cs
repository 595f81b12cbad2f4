using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CivilProtection.Browser.Tests;

/// <summary>
/// A request to two partners seen on the requester's page: the partners asked and their answers, a coverage bar per
/// requested line, France's offer, and the duty officer's line-by-line decision, recorded and drawn again.
/// </summary>
public sealed class OffersOnTheRequestPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const float Slow = 60_000;

    [Fact]
    public async Task The_duty_officer_sees_the_coverage_and_accepts_part_of_an_offer_line_by_line()
    {
        var requestId = await OpenWithFrenchOfferAsync();
        var page = await fixture.SignedInAsAsync("ma-duty");
        var missingTexts = PageChecks.MissingTexts(page);
        await page.GotoAsync($"/#/requests/{requestId}");

        var exchange = page.GetByTestId("exchange");
        await Expect(exchange).ToBeVisibleAsync(new() { Timeout = Slow });
        await Expect(page.GetByTestId("request-status")).ToHaveAttributeAsync("data-status", "open");
        await Expect(exchange.Locator("[data-testid='addressee'][data-authority='PT-ANEPC']")).ToHaveAttributeAsync("data-status", "asked");
        await Expect(exchange.Locator("[data-testid='addressee'][data-authority='FR-DGSCGC']")).ToHaveAttributeAsync("data-status", "offered");
        var offer = exchange.Locator("[data-testid='offer']");
        await Expect(offer).ToHaveAttributeAsync("data-status", "sent");
        await Expect(exchange.Locator("[data-testid='coverage'] meter")).ToHaveCountAsync(2);
        await PageChecks.ExpectAccessibleAsync(page);

        // More than offered is refused by the server, named on the line, and nothing is recorded.
        var quantities = offer.GetByTestId("decide-quantity");
        await quantities.Nth(1).FillAsync("9");
        await offer.GetByTestId("decide-submit").ClickAsync();
        await Expect(offer.GetByTestId("error-lines[1].quantity")).Not.ToBeEmptyAsync(new() { Timeout = Slow });
        await Expect(quantities.Nth(1)).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(offer).ToHaveAttributeAsync("data-status", "sent");

        // Both pumps, one boat of the two offered.
        await quantities.Nth(1).FillAsync("1");
        await offer.GetByTestId("decide-submit").ClickAsync();
        await Expect(offer).ToHaveAttributeAsync("data-status", "partially-accepted", new() { Timeout = Slow });
        await Expect(exchange.Locator("[data-testid='coverage'][data-line='0']")).ToHaveAttributeAsync("data-open", "0");
        await Expect(exchange.Locator("[data-testid='coverage'][data-line='1']")).ToHaveAttributeAsync("data-open", "3");
        await Expect(offer.GetByTestId("decide-submit")).ToHaveCountAsync(0);
        await PageChecks.ExpectAccessibleAsync(page);
        Assert.Empty(missingTexts);
    }

    [Fact]
    public async Task France_prepares_and_approves_its_offer_on_the_page_and_Portugal_declines_there()
    {
        var requestId = await OpenAsync();

        var coordinator = await fixture.SignedInAsAsync("fr-coordinator");
        var missingTexts = PageChecks.MissingTexts(coordinator);
        await coordinator.GotoAsync($"/#/requests/{requestId}");
        var prepare = coordinator.GetByTestId("offer-form");
        await Expect(prepare).ToBeVisibleAsync(new() { Timeout = Slow });
        await PageChecks.ExpectAccessibleAsync(coordinator);
        // Nothing offered: the server names the lines, and nothing is stored.
        await prepare.GetByTestId("offer-submit").ClickAsync();
        await Expect(prepare.GetByTestId("problem-lines")).ToBeVisibleAsync(new() { Timeout = Slow });
        await prepare.GetByTestId("offer-quantity-0").FillAsync("2");
        // Each line its own terms: the pumps for ten days at a cost, and instead of boats, one flood-containment module for a week.
        await prepare.GetByTestId("offer-per-line").CheckAsync();
        await Expect(prepare.GetByTestId("offer-terms")).ToBeHiddenAsync();
        await prepare.GetByTestId("offer-line-0-days").FillAsync("10");
        await prepare.GetByTestId("offer-line-0-cost").FillAsync("98500.50");
        await prepare.GetByTestId("offer-quantity-1").FillAsync("1");
        await prepare.GetByTestId("offer-line-1-code").SelectOptionAsync("FC");
        await prepare.GetByTestId("offer-line-1-days").FillAsync("7");
        await prepare.GetByTestId("offer-line-1-self-sufficient").UncheckAsync();
        await PageChecks.ExpectAccessibleAsync(coordinator);
        await prepare.GetByTestId("offer-contact-name").FillAsync("Sophie Bernard");
        await prepare.GetByTestId("offer-contact-phone").FillAsync("+33 6 12 34 56 78");
        await prepare.GetByTestId("offer-contact-email").FillAsync("s.bernard@example.org");
        await prepare.GetByTestId("offer-submit").ClickAsync();
        var offer = coordinator.GetByTestId("offer");
        await Expect(offer).ToHaveAttributeAsync("data-status", "pending-approval", new() { Timeout = Slow });
        await Expect(coordinator.GetByTestId("offer-form")).ToHaveCountAsync(0);
        using (var api = fixture.Host.ClientFor("fr-coordinator"))
        {
            var lines = (await api.GetFromJsonAsync<JsonObject>($"/api/requests/{requestId}"))!["exchange"]!["offers"]![0]!["lines"]!.AsArray();
            Assert.Equal([(0, "high-capacity-pumping", 2, 10, true, 98500.50m), (1, "FC", 1, 7, false, (decimal?)null)], lines.Select(l => (
                (int)l!["requestLine"]!, (string)l["code"]!, (int)l["quantity"]!, (int)l["durationDays"]!, (bool)l["selfSufficient"]!, (decimal?)l["estimatedCost"]?["amount"])));
        }

        var approver = await fixture.SignedInAsAsync("fr-approver");
        await approver.GotoAsync($"/#/requests/{requestId}");
        await approver.GetByTestId("offer-stage-approve").ClickAsync(new() { Timeout = Slow });
        await Expect(approver.GetByTestId("offer")).ToHaveAttributeAsync("data-status", "sent", new() { Timeout = Slow });

        var portugal = await fixture.SignedInAsAsync("pt-coordinator");
        await portugal.GotoAsync($"/#/requests/{requestId}");
        await portugal.GetByTestId("offer-decline").Locator("summary").ClickAsync(new() { Timeout = Slow });
        await portugal.GetByTestId("decline-reason").FillAsync("Moyens engagés sur nos feux.");
        await portugal.GetByTestId("decline-submit").ClickAsync();
        await Expect(portugal.Locator("[data-testid='addressee'][data-authority='PT-ANEPC']")).ToHaveAttributeAsync("data-status", "declined", new() { Timeout = Slow });

        var duty = await fixture.SignedInAsAsync("ma-duty");
        await duty.GotoAsync($"/#/requests/{requestId}");
        await Expect(duty.GetByTestId("offer")).ToHaveAttributeAsync("data-status", "sent", new() { Timeout = Slow });
        await Expect(duty.Locator("[data-testid='addressee'][data-authority='PT-ANEPC']")).ToHaveAttributeAsync("data-status", "declined");
        // The offers as a file, from the link on the page: France's two lines under the header.
        var csvLines = await PageChecks.CsvLinesOfLinkAsync(duty, "offers-csv");
        Assert.Equal(3, csvLines.Length);
        Assert.All(csvLines.Skip(1), l => Assert.Contains(",FR-DGSCGC,", l, StringComparison.Ordinal));
        Assert.Empty(missingTexts);
    }

    [Fact]
    public async Task Once_its_offer_is_accepted_France_fills_its_teams_role_by_role_on_the_page()
    {
        var requestId = await OpenWithFrenchOfferAsync();
        var offerId = await WaitForOfferIdAsync(requestId);
        await PostUntilOkAsync("ma-duty", $"/api/requests/{requestId}/offers/{offerId}/decision", new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject { ["offerLine"] = 0, ["quantity"] = 1 }, new JsonObject { ["offerLine"] = 1, ["quantity"] = 1 }),
        });

        var coordinator = await fixture.SignedInAsAsync("fr-coordinator");
        var missingTexts = PageChecks.MissingTexts(coordinator);
        await coordinator.GotoAsync($"/#/requests/{requestId}");
        var dispatch = coordinator.GetByTestId("dispatch");
        await Expect(dispatch).ToBeVisibleAsync(new() { Timeout = Slow });

        // One group per role of each committed team (the catalogue's example HCP and FRB teams), named in the reader's language.
        var leaders = dispatch.Locator("[data-testid='dispatch-candidate-group'][data-capability='HCP'][data-role='team-leader']");
        await Expect(leaders).ToContainTextAsync("High capacity pumping: Team leader", new() { Timeout = Slow });
        await Expect(leaders.Locator("[data-testid='dispatch-candidate'][data-person='fr-resp-01']")).ToBeCheckedAsync();
        var boatOperators = dispatch.Locator("[data-testid='dispatch-candidate-group'][data-capability='FRB'][data-role='boat-operator']");
        await Expect(boatOperators.Locator("[data-testid='dispatch-candidate'][data-person='fr-resp-08']")).ToBeCheckedAsync();
        await PageChecks.ExpectAccessibleAsync(coordinator);

        await coordinator.GetByTestId("dispatch-meeting-point").FillAsync("Base de sécurité civile de Nîmes-Garons");
        var reportAt = DateTime.Now.AddHours(6).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await coordinator.GetByTestId("dispatch-report-at").FillAsync(reportAt);
        await coordinator.GetByTestId("dispatch-submit").ClickAsync();

        var asked = dispatch.Locator("[data-testid='dispatch-offer'][data-person='fr-resp-01']");
        await Expect(asked).ToHaveAttributeAsync("data-status", "asked", new() { Timeout = Slow });
        await Expect(asked).ToHaveAttributeAsync("data-role", "team-leader");
        await Expect(dispatch.Locator("[data-testid='dispatch-coverage-row'][data-capability='FRB'][data-role='boat-operator']")).ToBeVisibleAsync();
        await PageChecks.ExpectAccessibleAsync(coordinator);

        // Morocco sees the offer it accepted in part (one of two of each line), not whom France asked.
        var duty = await fixture.SignedInAsAsync("ma-duty");
        await duty.GotoAsync($"/#/requests/{requestId}");
        await Expect(duty.GetByTestId("offer")).ToHaveAttributeAsync("data-status", "partially-accepted", new() { Timeout = Slow });
        await Expect(duty.GetByTestId("dispatch")).ToBeHiddenAsync();
        Assert.Empty(missingTexts);
    }

    [Fact]
    public async Task The_duty_officer_compares_two_offers_asks_France_a_question_France_answers_Portugal_withdraws_and_no_further_offer_is_taken()
    {
        var requestId = await OpenWithFrenchOfferAsync();
        await PostUntilOkAsync("pt-coordinator", $"/api/requests/{requestId}/offers", new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject
            {
                ["requestLine"] = 1, ["quantity"] = 3, ["earliestArrival"] = DateTimeOffset.UtcNow.AddHours(30).ToString("O"), ["durationDays"] = 7,
                ["selfSufficient"] = false, ["estimatedCost"] = new JsonObject { ["amount"] = 45000, ["currency"] = "EUR" },
            }),
            ["contact"] = new JsonObject { ["name"] = "João Silva", ["phone"] = "+351912345678", ["email"] = "j.silva@example.org" },
        });
        await PostUntilOkAsync("pt-approver", $"/api/requests/{requestId}/offers/PT-ANEPC-1/approvals", new JsonObject { ["decision"] = "approve" });

        var duty = await fixture.SignedInAsAsync("ma-duty");
        var missingTexts = PageChecks.MissingTexts(duty);
        await duty.GotoAsync($"/#/requests/{requestId}");
        // Side by side: France offers both lines, Portugal only the boats.
        var compare = duty.GetByTestId("compare");
        await Expect(compare).ToBeVisibleAsync(new() { Timeout = Slow });
        await Expect(compare.Locator("[data-testid='compare-cell'][data-line='0']")).ToHaveCountAsync(1);
        await Expect(compare.Locator("[data-testid='compare-cell'][data-line='1']")).ToHaveCountAsync(2);
        await Expect(compare.Locator("[data-testid='compare-cell'][data-line='1']").Last).ToContainTextAsync("45");
        await PageChecks.ExpectAccessibleAsync(duty);

        var french = duty.Locator("[data-testid='offer'][data-offer^='FR-DGSCGC']");
        await french.GetByTestId("offer-question-text").FillAsync("Autonomie en carburant des pompes ?");
        await french.GetByTestId("offer-question-submit").ClickAsync();
        await Expect(french).ToHaveAttributeAsync("data-status", "question-asked", new() { Timeout = Slow });

        var france = await fixture.SignedInAsAsync("fr-coordinator");
        await france.GotoAsync($"/#/requests/{requestId}");
        var own = france.GetByTestId("offer");
        await Expect(own).ToContainTextAsync("Autonomie en carburant des pompes ?", new() { Timeout = Slow });
        await own.GetByTestId("offer-answer-text").FillAsync("72 heures, carburant compris.");
        await own.GetByTestId("offer-answer-submit").ClickAsync();
        await Expect(own).ToHaveAttributeAsync("data-status", "sent", new() { Timeout = Slow });
        await PageChecks.ExpectAccessibleAsync(france);

        var portugal = await fixture.SignedInAsAsync("pt-coordinator");
        await portugal.GotoAsync($"/#/requests/{requestId}");
        var ptOffer = portugal.GetByTestId("offer");
        await ptOffer.GetByTestId("offer-withdrawal-text").FillAsync("Bateaux rappelés sur nos côtes.", new() { Timeout = Slow });
        await ptOffer.GetByTestId("offer-withdrawal-submit").ClickAsync();
        await Expect(ptOffer).ToHaveAttributeAsync("data-status", "withdrawn", new() { Timeout = Slow });

        await duty.ReloadAsync();
        await duty.GetByTestId("close-to-offers").ClickAsync(new() { Timeout = Slow });
        await duty.GetByTestId("decision-comment").FillAsync("Les moyens proposés suffisent.");
        await duty.GetByTestId("decision-confirm").ClickAsync();
        await Expect(duty.GetByTestId("close-to-offers")).ToHaveCountAsync(0, new() { Timeout = Slow });
        await Expect(duty.GetByTestId("offers-closed")).ToBeVisibleAsync();
        await Expect(duty.Locator("[data-testid='offer'][data-offer^='PT-ANEPC']")).ToHaveAttributeAsync("data-status", "withdrawn");
        await Expect(duty.GetByTestId("compare")).ToHaveCountAsync(0);
        Assert.Empty(missingTexts);
    }

    [Fact]
    public async Task The_duty_officer_amends_the_open_request_and_France_sees_which_fields_changed()
    {
        var requestId = await OpenWithFrenchOfferAsync();
        var duty = await fixture.SignedInAsAsync("ma-duty", "fr");
        var missingTexts = PageChecks.MissingTexts(duty);
        await duty.GotoAsync($"/#/requests/{requestId}");
        await duty.GetByTestId("amend").ClickAsync(new() { Timeout = Slow });
        await Expect(duty.Locator("h1")).ToContainTextAsync("Modifier la demande");

        // A line removed and no comment: both refused on the page, nothing sent.
        await duty.GetByTestId("remove-capability-1").ClickAsync();
        await duty.GetByTestId("submit-request").ClickAsync();
        await Expect(duty.GetByTestId("error-summary")).ToContainTextAsync("2 lignes");
        await Expect(duty.GetByTestId("field-comment")).ToHaveAttributeAsync("aria-invalid", "true");
        await PageChecks.ExpectAccessibleAsync(duty);

        await duty.ReloadAsync(); // the form as stored again: both lines
        await duty.GetByTestId("field-capabilities[0].quantity").FillAsync("3");
        await duty.GetByTestId("field-incident.title").FillAsync("Crue de l'oued Sebou, digue rompue");
        await duty.GetByTestId("field-comment").FillAsync("Une digue a cédé : une pompe de plus.");
        // The deadline for offers, none so far, set two days ahead on the browser's clock.
        await duty.GetByTestId("field-offersBy").FillAsync(DateTime.Now.AddDays(2).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await duty.GetByTestId("submit-request").ClickAsync();
        await Expect(duty).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#/requests/{requestId}$"), new() { Timeout = Slow });
        await Expect(duty.GetByTestId("announcer")).ToContainTextAsync("partenaires sont prévenus");

        // France, whose offer is under way, sees the amendment and what it changed.
        var france = await fixture.SignedInAsAsync("fr-coordinator");
        var franceMissing = PageChecks.MissingTexts(france);
        await france.GotoAsync($"/#/requests/{requestId}");
        var amended = france.Locator("[data-testid='timeline-entry'][data-action='amended']");
        await Expect(amended).ToHaveCountAsync(1, new() { Timeout = Slow });
        await Expect(amended.GetByTestId("timeline-changes")).ToContainTextAsync("Title");
        await Expect(amended.GetByTestId("timeline-changes")).ToContainTextAsync("line 1: quantity");
        await Expect(amended.GetByTestId("timeline-changes")).ToContainTextAsync("Offers taken until");
        await Expect(amended).ToContainTextAsync("Une digue a cédé");
        await Expect(france.GetByTestId("amend")).ToHaveCountAsync(0);
        await PageChecks.ExpectAccessibleAsync(france);
        using (var api = fixture.Host.ClientFor("fr-coordinator"))
        {
            var view = (await api.GetFromJsonAsync<JsonObject>($"/api/requests/{requestId}"))!;
            Assert.Equal(3, (int)view["capabilities"]![0]!["quantity"]!);
            Assert.NotNull((string?)view["exchange"]!["offersBy"]);
        }
        Assert.Empty(missingTexts);
        Assert.Empty(franceMissing);
    }

    private ExchangeSetup Setup => new(fixture.Host);

    private Task<string> WaitForOfferIdAsync(string requestId) => Setup.WaitForOfferIdAsync(requestId);

    private Task<string> OpenAsync() => Setup.OpenAsync("FR-DGSCGC", "PT-ANEPC");

    private Task<string> OpenWithFrenchOfferAsync() => Setup.OpenWithFrenchOfferAsync();

    private Task<JsonObject> PostUntilOkAsync(string user, string path, JsonObject body) => Setup.PostUntilOkAsync(user, path, body);
}
