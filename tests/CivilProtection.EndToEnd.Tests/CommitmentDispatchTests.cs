using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CivilProtection.Application.Rosters;
using CivilProtection.Domain.Rosters;
using CivilProtection.Testing;
using static CivilProtection.EndToEnd.Tests.ExchangeParties;
using static CivilProtection.EndToEnd.Tests.ExchangeSteps;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// On a request to partners, a partner dispatches its responders by SMS once its offer is accepted: to fill its
/// commitments, a module's team composition role by role (its own composition, set by its admin), through the fake
/// Twilio on loopback and signed replies.
/// </summary>
public sealed class CommitmentDispatchTests : ExchangeWithTwilio
{

    // Seeded in Spain: Alejandro Ruiz (es-resp-01) leads pumping teams, Raúl Molina (es-resp-07) operates pumps.
    private static readonly Person Leader = new("es-resp-01", "Alejandro Ruiz", "+34600000006", "en", Spain, ["responder"], ["high-capacity-pumping"]);
    private static readonly Person Molina = new("es-resp-07", "Raúl Molina", "+34600000012", "en", Spain, ["responder"], ["high-capacity-pumping"]);
    private static readonly Person PumperA = new("t-es-pump-a", "Ana Bomba", "+34600000291", "fr", Spain, ["responder"], ["HCP"]) { TeamRoles = ["pump-operator"] };
    private static readonly Person PumperB = new("t-es-pump-b", "Bruno Bomba", "+34600000292", "ar", Spain, ["responder"], ["high-capacity-pumping"]) { TeamRoles = ["pump-operator"] };

    // Listed for pumping, but for no role of the team: never a candidate to fill it.
    private static readonly Person NoRole = new("t-es-norole", "Carla Sinrol", "+34600000293", "fr", Spain, ["responder"], ["high-capacity-pumping"]);

    protected override async Task PrepareAsync()
    {
        foreach (var person in new[] { PumperA, PumperB, NoRole })
        {
            await Host.Service<IPeople>().SaveAsync(person, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Spain_fills_its_accepted_pumping_module_role_by_role_and_a_decline_asks_the_next_who_holds_that_role()
    {
        var (id, reference) = await OpenToSpainAsync();
        var coordinator = Host.ClientFor("es-coordinator");
        await ExpectRefusedAsync(coordinator, id, HttpStatusCode.Forbidden, "before any commitment");

        // Spain's admin says its pumping module is a leader and two pump operators.
        using (var composition = await Host.ClientFor("es-admin").PutAsync("/api/catalogue/compositions/HCP", JsonContent.Create(new JsonObject
        {
            ["roles"] = new JsonArray
            {
                new JsonObject { ["role"] = "team-leader", ["count"] = 1 },
                new JsonObject { ["role"] = "pump-operator", ["count"] = 2 },
            },
        })))
        {
            await Api.ExpectAsync(composition, HttpStatusCode.OK);
        }
        await CommitOneModuleAsync(id);

        // The candidates are per role of the team: only people listed for it.
        var candidates = await coordinator.GetArrayAsync($"/api/requests/{id}/dispatch/candidates");
        var byRole = candidates.OfType<JsonObject>().GroupBy(c => (string?)c["role"]).ToDictionary(g => g.Key ?? "", g => g.Select(c => (string)c["personId"]!).ToList());
        Assert.Equal(["team-leader", "pump-operator"], byRole.Keys);
        Assert.Contains(Leader.PersonId, byRole["team-leader"]);
        Assert.DoesNotContain(PumperA.PersonId, byRole["team-leader"]);
        Assert.Equal([Leader.PersonId, Molina.PersonId, PumperA.PersonId, PumperB.PersonId], byRole["pump-operator"].Order());
        Assert.DoesNotContain(candidates, c => (string)c!["personId"]! == NoRole.PersonId);
        Assert.All(candidates, c => Assert.Equal("HCP", (string)c!["capability"]!));

        using (var dispatch = await coordinator.PostJsonAsync($"/api/requests/{id}/dispatch", Dispatch(
            (Leader, "team-leader"), (Molina, "pump-operator"), (PumperA, "pump-operator"))))
        {
            await Api.ExpectAsync(dispatch, HttpStatusCode.OK);
        }

        // Each SMS names the module and the role, in the responder's language, on Madrid's clock.
        var leaderSms = await Steps.SmsToAsync(Leader, reference);
        Assert.Contains("Team leader", leaderSms.Body, StringComparison.Ordinal);
        Assert.Contains("Madrid time", leaderSms.Body, StringComparison.Ordinal);
        Assert.Contains("Opérateur de pompe", (await Steps.SmsToAsync(PumperA, reference)).Body, StringComparison.Ordinal);
        await Steps.SmsToAsync(Molina, reference);

        // Molina declines: the one pump operator not asked yet is asked in his place.
        await Steps.ReplyAsync(Leader, "YES");
        await Steps.ReplyAsync(Molina, "NO");
        Assert.Contains("مشغل المضخة", (await Steps.SmsToAsync(PumperB, reference)).Body, StringComparison.Ordinal);
        await Steps.ReplyAsync(PumperA, "OUI");
        await Steps.ReplyAsync(PumperB, "نعم");

        var covered = await Steps.WaitForAsync(id, "es-coordinator", v => (bool?)v["dispatch"]?["covered"] == true ? v : null);
        var coverage = covered["dispatch"]!["coverage"]!.AsArray().Select(c => c!.AsObject()).ToDictionary(c => (string)c["role"]!);
        Assert.Equal((1, 1), ((int)coverage["team-leader"]["needed"]!, (int)coverage["team-leader"]["accepted"]!));
        Assert.Equal((2, 2, 1), ((int)coverage["pump-operator"]["needed"]!, (int)coverage["pump-operator"]["accepted"]!, (int)coverage["pump-operator"]["declined"]!));
        Assert.Equal("open", (string)covered["status"]!);
        Assert.Contains("dispatch", covered["allowedActions"]!.AsArray().Select(a => (string)a!));

        // Spain's dispatch is Spain's: Morocco sees the commitment, not whom Spain asked.
        var asMorocco = await Host.ClientFor("ma-duty").GetRequestAsync(id);
        Assert.Null(asMorocco["dispatch"]);
        Assert.DoesNotContain(asMorocco["timeline"]!.AsArray(), e => ((string)e!["action"]!).StartsWith("responder-", StringComparison.Ordinal));
        Assert.Empty(Twilio.Violations);
        Assert.Equal(0, Twilio.Duplicates);
    }

    [Fact]
    public async Task Only_coordinators_of_an_authority_with_a_commitment_dispatch_and_a_role_outside_the_team_is_named()
    {
        var (id, _) = await OpenToSpainAsync();
        await CommitOneModuleAsync(id);

        // Morocco asked; France was asked nothing; Spain's approver is no coordinator.
        foreach (var user in new[] { "ma-coordinator", "es-approver" })
        {
            await ExpectRefusedAsync(Host.ClientFor(user), id, HttpStatusCode.Forbidden, user);
        }
        await ExpectRefusedAsync(Host.ClientFor("fr-coordinator"), id, HttpStatusCode.NotFound, "fr-coordinator");

        // The catalogue's example team for HCP has no medic, and NoRole holds no role: each field is named, nothing is sent.
        using var bad = await Host.ClientFor("es-coordinator").PostJsonAsync($"/api/requests/{id}/dispatch", Dispatch((PumperA, "medic"), (NoRole, "pump-operator")));
        var problem = await Api.ProblemAsync(bad, HttpStatusCode.BadRequest);
        Assert.Equal(["offers[0].role", "offers[1].personId"], problem["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Null((await Host.ClientFor("es-coordinator").GetRequestAsync(id))["dispatch"]);
        Assert.DoesNotContain(Twilio.Messages, m => m.To == PumperA.Mobile || m.To == NoRole.Mobile);
    }

    [Fact]
    public async Task A_yes_after_the_requester_cancelled_commits_nobody()
    {
        var (id, reference) = await OpenToSpainAsync();
        await CommitOneModuleAsync(id);
        var coordinator = Host.ClientFor("es-coordinator");
        using (var dispatch = await coordinator.PostJsonAsync($"/api/requests/{id}/dispatch", Dispatch((Leader, "team-leader"))))
        {
            await Api.ExpectAsync(dispatch, HttpStatusCode.OK);
        }
        await Steps.SmsToAsync(Leader, reference);
        using (var cancelled = await Host.ClientFor("ma-duty").PostJsonAsync($"/api/requests/{id}/cancellation", new JsonObject { ["comment"] = "Décrue." }))
        {
            await Api.ExpectAsync(cancelled, HttpStatusCode.OK);
        }

        // The webhook answers once the reply is applied (or found to apply to nothing): no wait is needed.
        await Steps.ReplyAsync(Leader, "YES");

        var view = await coordinator.GetRequestAsync(id);
        Assert.Equal("cancelled", (string)view["status"]!);
        var leaders = view["dispatch"]!["coverage"]!.AsArray().Single(c => (string)c!["role"]! == "team-leader")!;
        Assert.Equal(0, (int)leaders["accepted"]!);
        Assert.DoesNotContain(view["timeline"]!.AsArray(), e => (string)e!["action"]! == "responder-accepted");
    }

    private async Task<(string Id, string Reference)> OpenToSpainAsync()
    {
        var filed = await Host.ClientFor("ma-duty").FileAsync(RequestSamples.FloodToPartners(Spain));
        var id = Api.Id(filed);
        var approver = Host.ClientFor("ma-approver");
        await approver.WaitForInboxItemAsync(id, 0);
        Assert.Equal("open", (string)(await approver.DecideAsync(id, "approve"))["status"]!);
        return (id, (string)filed["reference"]!);
    }

    // Spain offers one pumping module, approves sending it, and Morocco accepts it: one commitment.
    private async Task CommitOneModuleAsync(string id)
    {
        using var offered = await Host.ClientFor("es-coordinator").PostJsonAsync($"/api/requests/{id}/offers", OfferForm(Line(0, 1)));
        await Api.ExpectAsync(offered, HttpStatusCode.OK);
        var offerId = (string)OfferOf((await offered.Content.ReadFromJsonAsync<JsonObject>())!, Spain)["offerId"]!;
        using (var approved = await Host.ClientFor("es-approver").PostJsonAsync($"/api/requests/{id}/offers/{offerId}/approvals", new JsonObject { ["decision"] = "approve" }))
        {
            await Api.ExpectAsync(approved, HttpStatusCode.OK);
        }
        var decided = await DecideOfferAsync(Host.ClientFor("ma-duty"), id, offerId, [(0, 1)]);
        Assert.Equal("accepted", (string)OfferOf(decided, Spain)["status"]!);
    }

    private async Task ExpectRefusedAsync(HttpClient client, string id, HttpStatusCode status, string who)
    {
        using var refused = await client.PostJsonAsync($"/api/requests/{id}/dispatch", Dispatch((PumperA, "pump-operator")));
        Assert.True(refused.StatusCode == status, $"{who}: {(int)refused.StatusCode}");
    }

    private JsonObject Dispatch(params (Person Person, string Role)[] asked) => new()
    {
        ["meetingPoint"] = "Base de la UME, Torrejón de Ardoz",
        ["reportAt"] = Clock.GetUtcNow().AddHours(4).ToString("O"),
        ["offers"] = new JsonArray(asked.Select(a => (JsonNode)new JsonObject { ["personId"] = a.Person.PersonId, ["capability"] = "HCP", ["role"] = a.Role }).ToArray()),
    };
}
