using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CivilProtection.Testing;
using static CivilProtection.EndToEnd.Tests.DeploymentSteps;
using static CivilProtection.EndToEnd.Tests.ExchangeParties;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// Cost claims on either host, after a deployment brought home through the report route: Spain claims, Morocco reviews
/// line by line, Spain revises the disputed line, Morocco approves and records the payment; totals per currency side by
/// side. Who may do what is checked across the requester, the claimant, a third partner on the same request, a partner
/// not asked and an authority that is nobody's partner.
/// </summary>
public abstract class ClaimTests<THost>(ExchangeHostFixture<THost> fixture) where THost : IHostKind
{
    private IAppHost Host => fixture.Host;

    private static JsonObject LineOf(string category, decimal amount, string currency, string description, bool? eu = null) => new()
    {
        ["category"] = category, ["description"] = description, ["amount"] = amount, ["currency"] = currency, ["euMayCoFinance"] = eu,
    };

    private static JsonObject SpanishClaim() => new()
    {
        ["lines"] = new JsonArray(
            LineOf("personnel", 42_000.50m, "EUR", "12 bomberos, 14 días"),
            LineOf("transport", 18_250m, "EUR", "Vuelo chárter Madrid–Rabat", eu: true),
            LineOf("consumables", 12_400.25m, "MAD", "Carburant des pompes")),
    };

    // The partner's accepted module departs, arrives, demobilises and comes home, reported on the page by its coordinator.
    private async Task BringHomeAsync(string id, string partner, string coordinator)
    {
        foreach (var status in new[] { "departed", "arrived-on-site", "demobilising", "returned" })
        {
            var report = new JsonObject { ["status"] = status };
            if (status == "departed")
            {
                report["expectedArrival"] = DateTimeOffset.UtcNow.AddHours(5).ToString("O");
            }
            using var reported = await ActAsync(Host, coordinator, id, partner, "reports", report);
            await Api.ExpectAsync(reported, HttpStatusCode.OK);
        }
    }

    private Task<HttpResponseMessage> ClaimActAsync(string user, string id, string authority, string act, JsonObject body) =>
        Host.ClientFor(user).PostJsonAsync($"/api/requests/{id}/claims/{authority}/{act}", body);

    private async Task<HttpResponseMessage> ReviseAsync(string user, string id, string authority, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/requests/{id}/claims/{authority}")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        return await Host.ClientFor(user).SendAsync(request);
    }

    private async Task<JsonObject> ClaimsAsync(string user, string id)
    {
        using var response = await Host.ClientFor(user).GetAsync($"/api/requests/{id}/claims");
        await Api.ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    // Every action on the request's timeline as the user sees it.
    private async Task<List<string>> TimelineAsync(string user, string id) =>
        (await Host.ClientFor(user).GetRequestAsync(id))["timeline"]!.AsArray().Select(e => (string)e!["action"]!).ToList();

    private static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        await Api.ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task A_claim_goes_from_submitted_to_paid_with_a_disputed_line_revised_and_totals_side_by_side_per_currency()
    {
        var (id, _) = await OpenToAsync(Host, Spain);
        await CommitOneModuleAsync(Host, id, Spain, "es-coordinator", "es-approver");
        var schemas = await OpenApiSchemas.LoadAsync(Host.ClientFor(null));

        // Before the teams are home there is nothing to claim.
        using (var early = await Host.ClientFor("es-coordinator").PostJsonAsync($"/api/requests/{id}/claims", SpanishClaim()))
        {
            await Api.ProblemAsync(early, HttpStatusCode.Conflict);
        }
        await BringHomeAsync(id, Spain, "es-coordinator");

        using (var submitted = await Host.ClientFor("es-coordinator").PostJsonAsync($"/api/requests/{id}/claims", SpanishClaim()))
        {
            await schemas.CheckAsync("POST", "/api/requests/{id}/claims", submitted);
            var claim = (await OkAsync(submitted))["claims"]![0]!;
            Assert.Equal(("submitted", 1, Spain, Morocco), ((string)claim["status"]!, (int)claim["version"]!, (string)claim["authorityId"]!, (string)claim["requestingAuthorityId"]!));
            Assert.True((bool)claim["lines"]![1]!["euMayCoFinance"]!);
        }
        Assert.Equal(["review"], (await ClaimsAsync("ma-approver", id))["claims"]![0]!["allowedActions"]!.AsArray().Select(a => (string)a!));

        var review = new JsonObject
        {
            ["version"] = 1,
            ["lines"] = new JsonArray(
                new JsonObject { ["line"] = 0, ["decision"] = "approve" },
                new JsonObject { ["line"] = 1, ["decision"] = "partly-approve", ["approvedAmount"] = 15_000m, ["reason"] = "Tarif de référence du mécanisme" },
                new JsonObject { ["line"] = 2, ["decision"] = "dispute", ["reason"] = "Pas de justificatif" }),
        };
        using (var reviewed = await ClaimActAsync("ma-approver", id, Spain, "review", review))
        {
            await schemas.CheckAsync("POST", "/api/requests/{id}/claims/{authorityId}/review", reviewed);
            var claim = (await OkAsync(reviewed))["claims"]![0]!;
            Assert.Equal("under-review", (string)claim["status"]!);
            Assert.Equal(["approved", "partly-approved", "disputed"], claim["lines"]!.AsArray().Select(l => (string)l!["review"]!["status"]!));
        }
        Assert.Equal(["revise"], (await ClaimsAsync("es-admin", id))["claims"]![0]!["allowedActions"]!.AsArray().Select(a => (string)a!));

        // Spain answers the dispute with the invoices: only the disputed line changes, and it goes back to review.
        var revision = SpanishClaim();
        revision["lines"]![2]!["amount"] = 9_800m;
        revision["lines"]![2]!["description"] = "Carburant des pompes (factures jointes)";
        revision["version"] = 2;
        using (var revised = await ReviseAsync("es-coordinator", id, Spain, revision))
        {
            await schemas.CheckAsync("PUT", "/api/requests/{id}/claims/{authorityId}", revised);
            var line = (await OkAsync(revised))["claims"]![0]!["lines"]![2]!;
            Assert.Equal(("pending", 1, 9_800m), ((string)line["review"]!["status"]!, (int)line["revision"]!, (decimal)line["amount"]!));
        }
        using (var approved = await ClaimActAsync("ma-approver", id, Spain, "review",
            new JsonObject { ["version"] = 3, ["lines"] = new JsonArray(new JsonObject { ["line"] = 2, ["decision"] = "approve" }) }))
        {
            Assert.Equal("approved", (string)(await OkAsync(approved))["claims"]![0]!["status"]!);
        }
        // Home and both notes written, the mission still waits for the claim to be paid.
        foreach (var (user, note) in new[] { ("ma-duty", "Coordination fluide."), ("es-coordinator", "Pompage efficace.") })
        {
            using var noted = await Host.ClientFor(user).PostJsonAsync($"/api/requests/{id}/after-action", new JsonObject { ["note"] = note });
            await Api.ExpectAsync(noted, HttpStatusCode.OK);
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal("open", (string)(await Host.ClientFor("ma-duty").GetRequestAsync(id))["status"]!);

        using (var paid = await ClaimActAsync("ma-admin", id, Spain, "payment", new JsonObject { ["reference"] = "VIR-2026-118", ["version"] = 4 }))
        {
            await schemas.CheckAsync("POST", "/api/requests/{id}/claims/{authorityId}/payment", paid);
            var view = await OkAsync(paid);
            Assert.Equal(("paid", "VIR-2026-118"), ((string)view["claims"]![0]!["status"]!, (string)view["claims"]![0]!["payment"]!["reference"]!));
            Assert.Equal(
                new JsonArray(
                    new JsonObject { ["currency"] = "EUR", ["claimed"] = 60_250.50m, ["approved"] = 57_000.50m, ["paid"] = 57_000.50m },
                    new JsonObject { ["currency"] = "MAD", ["claimed"] = 9_800m, ["approved"] = 9_800m, ["paid"] = 9_800m }).ToJsonString(),
                view["totals"]!.ToJsonString());
        }

        // Across requests, per other party and currency, for each of the two.
        using (var totals = await Host.ClientFor("es-coordinator").GetAsync("/api/claims/totals"))
        {
            await schemas.CheckAsync("GET", "/api/claims/totals", totals);
            var spain = await OkAsync(totals);
            Assert.Contains(spain["asAssisting"]!.AsArray(), t => (string)t!["authorityId"]! == Morocco && (string)t["currency"]! == "MAD");
        }
        var morocco = await Host.ClientFor("ma-duty").GetFromJsonAsync<JsonObject>("/api/claims/totals");
        Assert.Contains(morocco!["asRequesting"]!.AsArray(), t => (string)t!["authorityId"]! == Spain && (string)t["currency"]! == "EUR");

        var timeline = await TimelineAsync("es-coordinator", id);
        Assert.Equal(["cost-claim-submitted", "cost-claim-reviewed", "cost-claim-revised", "cost-claim-reviewed", "cost-claim-approved", "cost-claim-paid"],
            timeline.Where(a => a.StartsWith("cost-claim-", StringComparison.Ordinal)));
        await Eventually.TrueAsync(async () => (string)(await Host.ClientFor("ma-duty").GetRequestAsync(id))["status"]! == "closed", "the request closed once the claim was paid");
    }

    [Fact]
    public async Task A_claim_is_seen_and_acted_on_only_by_its_two_parties()
    {
        var (id, _) = await OpenToAsync(Host, Spain, Portugal);
        await CommitOneModuleAsync(Host, id, Spain, "es-coordinator", "es-approver");
        await CommitOneModuleAsync(Host, id, Portugal, "pt-coordinator", approver: null);
        await BringHomeAsync(id, Spain, "es-coordinator");

        // Only coordinators and admins of the claimant submit; Portugal's teams are not home yet.
        using (var duty = await Host.ClientFor("es-duty").PostJsonAsync($"/api/requests/{id}/claims", SpanishClaim()))
        {
            Assert.Equal(HttpStatusCode.Forbidden, duty.StatusCode);
        }
        using (var portugal = await Host.ClientFor("pt-coordinator").PostJsonAsync($"/api/requests/{id}/claims", SpanishClaim()))
        {
            Assert.Equal(HttpStatusCode.Conflict, portugal.StatusCode);
        }
        using (var outsider = await Host.ClientFor("tn-coordinator").PostJsonAsync($"/api/requests/{id}/claims", SpanishClaim()))
        {
            Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
        }
        using (var submitted = await Host.ClientFor("es-admin").PostJsonAsync($"/api/requests/{id}/claims", SpanishClaim()))
        {
            await Api.ExpectAsync(submitted, HttpStatusCode.OK);
        }

        // The two parties see it; Portugal, a partner on the same request, sees no claim and no total; France and Tunisia not even the request.
        Assert.Equal([Spain], (await ClaimsAsync("ma-duty", id))["claims"]!.AsArray().Select(c => (string)c!["authorityId"]!));
        Assert.Equal([Spain], (await ClaimsAsync("es-duty", id))["claims"]!.AsArray().Select(c => (string)c!["authorityId"]!));
        var third = await ClaimsAsync("pt-coordinator", id);
        Assert.Empty(third["claims"]!.AsArray());
        Assert.Empty(third["totals"]!.AsArray());
        foreach (var outsider in new[] { "fr-duty", "tn-coordinator" })
        {
            using var list = await Host.ClientFor(outsider).GetAsync($"/api/requests/{id}/claims");
            Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        }
        Assert.Contains(await TimelineAsync("ma-duty", id), a => a.StartsWith("cost-claim-", StringComparison.Ordinal));
        Assert.DoesNotContain(await TimelineAsync("pt-coordinator", id), a => a.StartsWith("cost-claim-", StringComparison.Ordinal));
        // As a CSV file of claim lines: Spain's and Morocco's hold this claim's lines; Portugal's and France's do not.
        foreach (var (user, sees) in new[] { ("es-coordinator", true), ("ma-approver", true), ("pt-admin", false), ("fr-duty", false) })
        {
            var rows = await Host.ClientFor(user).CsvLinesAsync("/api/claims/lines");
            Assert.StartsWith("requestId,claimant,requester,claimStatus,", rows[0], StringComparison.Ordinal);
            var ours = rows.Where(r => r.StartsWith($"{id},{Spain},{Morocco},submitted,", StringComparison.Ordinal)).ToList();
            Assert.Equal(sees ? SpanishClaim()["lines"]!.AsArray().Count : 0, ours.Count);
        }
        var portugueseTotals = await Host.ClientFor("pt-admin").GetFromJsonAsync<JsonObject>("/api/claims/totals");
        Assert.DoesNotContain(portugueseTotals!["asAssisting"]!.AsArray().Concat(portugueseTotals["asRequesting"]!.AsArray()), t => (string)t!["authorityId"]! == Spain);

        var review = new JsonObject { ["lines"] = new JsonArray(new JsonObject { ["line"] = 0, ["decision"] = "dispute", ["reason"] = "?" }) };
        var refusals = new (string User, string Act, HttpStatusCode Status)[]
        {
            // Spain's claim does not exist for Portugal, France or Tunisia, whatever their role.
            ("pt-approver", "review", HttpStatusCode.NotFound),
            ("pt-admin", "payment", HttpStatusCode.NotFound),
            ("fr-approver", "review", HttpStatusCode.NotFound),
            ("tn-coordinator", "payment", HttpStatusCode.NotFound),
            // Of the parties, only the requester's approvers review, and its admins and approvers pay.
            ("ma-duty", "review", HttpStatusCode.Forbidden),
            ("ma-coordinator", "payment", HttpStatusCode.Forbidden),
            ("es-approver", "review", HttpStatusCode.Forbidden),
            ("es-admin", "payment", HttpStatusCode.Forbidden),
        };
        foreach (var (user, act, status) in refusals)
        {
            using var refused = await ClaimActAsync(user, id, Spain, act, act == "review" ? review : new JsonObject());
            Assert.True(refused.StatusCode == status, $"{user} {act}: {(int)refused.StatusCode}, expected {(int)status}");
        }
        foreach (var (user, status) in new[] { ("pt-coordinator", HttpStatusCode.NotFound), ("tn-coordinator", HttpStatusCode.NotFound), ("ma-approver", HttpStatusCode.Forbidden) })
        {
            using var refused = await ReviseAsync(user, id, Spain, SpanishClaim());
            Assert.True(refused.StatusCode == status, $"{user} revise: {(int)refused.StatusCode}, expected {(int)status}");
        }

        // Nothing any refusal tried was stored.
        var claim = (await ClaimsAsync("ma-approver", id))["claims"]![0]!;
        Assert.Equal(("submitted", 1), ((string)claim["status"]!, (int)claim["version"]!));
    }

    [Fact]
    public async Task A_bad_claim_names_every_bad_field_a_stale_edit_is_refused_and_a_retried_submit_is_applied_once()
    {
        var (id, _) = await OpenToAsync(Host, Portugal);
        await CommitOneModuleAsync(Host, id, Portugal, "pt-coordinator", approver: null);
        await BringHomeAsync(id, Portugal, "pt-coordinator");
        var schemas = await OpenApiSchemas.LoadAsync(Host.ClientFor(null));

        var bad = new JsonObject
        {
            ["lines"] = new JsonArray(
                LineOf("personnel", 100m, "EURO", "Equipa"),
                LineOf("equipment", 10.005m, "EUR", "Bombas", eu: true),
                LineOf("fuel", 5m, "EUR", " "),
                LineOf("subsistence", 12.5m, "JPY", "Refeições")),
        };
        using (var refused = await Host.ClientFor("pt-coordinator").PostJsonAsync($"/api/requests/{id}/claims", bad))
        {
            await schemas.CheckAsync("POST", "/api/requests/{id}/claims", refused);
            var problem = await Api.ProblemAsync(refused, HttpStatusCode.BadRequest);
            Assert.Equal(["lines[0].currency", "lines[1].amount", "lines[1].euMayCoFinance", "lines[2].category", "lines[2].description", "lines[3].amount"],
                problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        }
        Assert.Empty((await ClaimsAsync("pt-coordinator", id))["claims"]!.AsArray());

        // The same submit sent twice (a lost answer retried) is one claim and one timeline line.
        var claim = SpanishClaim();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var submitted = await Host.ClientFor("pt-coordinator").PostJsonAsync($"/api/requests/{id}/claims", claim);
            await Api.ExpectAsync(submitted, HttpStatusCode.OK);
        }
        Assert.Single(await TimelineAsync("ma-duty", id), a => a == "cost-claim-submitted");

        // Two reviewers start from version 1; the second, arriving after the first, is refused and stores nothing.
        var dispute = new JsonObject { ["version"] = 1, ["lines"] = new JsonArray(new JsonObject { ["line"] = 2, ["decision"] = "dispute", ["reason"] = "Sem faturas" }) };
        using (var first = await ClaimActAsync("ma-approver", id, Portugal, "review", dispute))
        {
            await Api.ExpectAsync(first, HttpStatusCode.OK);
        }
        var late = new JsonObject { ["version"] = 1, ["lines"] = new JsonArray(new JsonObject { ["line"] = 0, ["decision"] = "approve" }) };
        using (var stale = await ClaimActAsync("ma-approver", id, Portugal, "review", late))
        {
            await schemas.CheckAsync("POST", "/api/requests/{id}/claims/{authorityId}/review", stale);
            await Api.ProblemAsync(stale, HttpStatusCode.Conflict);
        }
        var after = (await ClaimsAsync("pt-coordinator", id))["claims"]![0]!;
        Assert.Equal((2, "pending"), ((int)after["version"]!, (string)after["lines"]![0]!["review"]!["status"]!));

        // A revision touching an approved or pending line, or naming a bad field, is refused too.
        var touchesPending = SpanishClaim();
        touchesPending["lines"]![0]!["amount"] = 1m;
        using (var refused = await ReviseAsync("pt-coordinator", id, Portugal, touchesPending))
        {
            await Api.ProblemAsync(refused, HttpStatusCode.Conflict);
        }
        var badRevision = SpanishClaim();
        badRevision["lines"]![2]!["currency"] = "XYZ";
        using (var refused = await ReviseAsync("pt-coordinator", id, Portugal, badRevision))
        {
            Assert.Equal(["lines[2].currency"], (await Api.ProblemAsync(refused, HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key));
        }
        Assert.Equal(2, (int)(await ClaimsAsync("pt-coordinator", id))["claims"]![0]!["version"]!);
    }
}

public sealed class ClaimTestsOnLocalHost(ExchangeHostFixture<OnLocalHost> fixture) : ClaimTests<OnLocalHost>(fixture), IClassFixture<ExchangeHostFixture<OnLocalHost>>;

public sealed class ClaimTestsOnFunctionsApp(ExchangeHostFixture<OnFunctionsApp> fixture) : ClaimTests<OnFunctionsApp>(fixture), IClassFixture<ExchangeHostFixture<OnFunctionsApp>>;
