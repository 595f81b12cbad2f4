using System.Net;
using System.Text.Json.Nodes;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>The lifecycle of a request over real HTTP: filed, routed through the queue, decided at each stage.</summary>
public abstract class ApprovalWorkflowTests<THost>(HostFixture<THost> fixture) where THost : IHostKind
{
    [Fact]
    public async Task A_request_filed_in_Morocco_is_routed_and_approved_at_every_stage()
    {
        var duty = fixture.As("ma-duty");
        var filed = await duty.FileAsync(RequestSamples.Flood());
        var id = Api.Id(filed);
        Assert.Matches(@"^AR-\d{4}-\d{5}$", (string)filed["reference"]!);
        Assert.Equal("pending-approval", (string)filed["status"]!);

        var maApprover = fixture.As("ma-approver");
        var item = await maApprover.WaitForInboxItemAsync(id, 0);
        Assert.Equal("life-safety", (string)item["urgency"]!);
        Assert.True((DateTimeOffset)item["deadline"]! > (DateTimeOffset)item["openedAt"]!);
        Assert.Contains("approve", (await maApprover.GetRequestAsync(id))["allowedActions"]!.AsArray().Select(a => (string)a!));
        var afterValidation = await maApprover.DecideAsync(id, "approve", "Validé par la DGPC");
        Assert.Equal(1, (int)afterValidation["currentStageIndex"]!);

        var frApprover = fixture.As("fr-approver");
        await frApprover.WaitForInboxItemAsync(id, 1);
        var approved = await frApprover.DecideAsync(id, "approve", "Accepté : deux modules HCP partent de Nogent-le-Rotrou");

        Assert.Equal("approved", (string)approved["status"]!);
        Assert.Equal(["submitted", "stage-opened", "stage-approved", "stage-opened", "stage-approved", "approved"], Api.Actions(approved));
        var decisions = approved["timeline"]!.AsArray().Where(e => (string)e!["action"]! == "stage-approved").Select(e => (string)e!["actorId"]!);
        Assert.Equal(["ma-approver", "fr-approver"], decisions);
        await duty.WaitForListedStatusAsync(id, "approved");
        await frApprover.WaitForListedStatusAsync(id, "approved");
        await WaitUntilGoneFromInboxAsync(frApprover, id);
    }

    [Fact]
    public async Task A_request_to_a_third_country_goes_through_a_three_stage_route()
    {
        var filed = await fixture.As("ma-duty").FileAsync(RequestSamples.Flood(assisting: "TN-ONPC", urgency: "urgent"));
        var id = Api.Id(filed);

        await fixture.As("ma-approver").WaitForInboxItemAsync(id, 0);
        await fixture.As("ma-approver").DecideAsync(id, "approve");
        await fixture.As("ma-minister").WaitForInboxItemAsync(id, 1);
        await fixture.As("ma-minister").DecideAsync(id, "approve");
        await fixture.As("tn-approver").WaitForInboxItemAsync(id, 2);
        var approved = await fixture.As("tn-approver").DecideAsync(id, "approve");

        Assert.Equal("approved", (string)approved["status"]!);
        // France is not party to it, so the French cannot see it.
        using var hidden = await fixture.As("fr-approver").GetAsync($"/api/requests/{id}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_ends_the_request()
    {
        var id = Api.Id(await fixture.As("ma-duty").FileAsync(RequestSamples.Flood()));
        var approver = fixture.As("ma-approver");

        using var noReason = await approver.PostJsonAsync($"/api/requests/{id}/decisions", new JsonObject { ["decision"] = "reject" });
        var problem = await Api.ProblemAsync(noReason, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["comment"]);
        Assert.Equal("pending-approval", (string)(await approver.GetRequestAsync(id))["status"]!);

        var rejected = await approver.DecideAsync(id, "reject", "Moyens nationaux suffisants");
        Assert.Equal("rejected", (string)rejected["status"]!);
        Assert.Equal("Moyens nationaux suffisants", (string)rejected["stages"]![0]!["comment"]!);
        Assert.Empty(rejected["allowedActions"]!.AsArray());

        using var again = await approver.PostJsonAsync($"/api/requests/{id}/decisions", new JsonObject { ["decision"] = "approve" });
        await Api.ProblemAsync(again, HttpStatusCode.Conflict);
        await WaitUntilGoneFromInboxAsync(approver, id);
    }

    [Fact]
    public async Task A_returned_request_is_amended_resubmitted_and_its_stage_starts_again()
    {
        var duty = fixture.As("ma-duty");
        var id = Api.Id(await duty.FileAsync(RequestSamples.Flood(urgency: "routine")));
        var approver = fixture.As("ma-approver");
        await approver.WaitForInboxItemAsync(id, 0);

        var returned = await approver.DecideAsync(id, "return", "Précisez le débit des pompes attendu");
        Assert.Equal("returned-for-information", (string)returned["status"]!);
        Assert.Contains("resubmit", (await duty.GetRequestAsync(id))["allowedActions"]!.AsArray().Select(a => (string)a!));
        await WaitUntilGoneFromInboxAsync(approver, id);

        var amended = RequestSamples.Flood(urgency: "urgent");
        amended["capabilities"]![0]!["notes"] = "Débit 1 000 m3/h par module";
        amended["comment"] = "Débit précisé";
        using var response = await duty.PostJsonAsync($"/api/requests/{id}/resubmission", amended);
        await Api.ExpectAsync(response, HttpStatusCode.OK);

        var view = await duty.GetRequestAsync(id);
        Assert.Equal("pending-approval", (string)view["status"]!);
        Assert.Equal(0, (int)view["currentStageIndex"]!);
        Assert.Equal("urgent", (string)view["urgency"]!);
        Assert.Equal("pending", (string)view["stages"]![0]!["status"]!);
        Assert.Equal(["submitted", "stage-opened", "returned-for-information", "resubmitted", "stage-opened"], Api.Actions(view));
        var item = await approver.WaitForInboxItemAsync(id, 0);
        Assert.Equal("urgent", (string)item["urgency"]!);
    }

    [Fact]
    public async Task The_requester_can_cancel_before_final_approval_but_not_after()
    {
        var duty = fixture.As("ma-duty");
        var pending = Api.Id(await duty.FileAsync(RequestSamples.Flood()));
        using var cancel = await duty.PostJsonAsync($"/api/requests/{pending}/cancellation", new JsonObject { ["comment"] = "Situation maîtrisée" });
        await Api.ExpectAsync(cancel, HttpStatusCode.OK);
        Assert.Equal("cancelled", (string)(await duty.GetRequestAsync(pending))["status"]!);
        await duty.WaitForListedStatusAsync(pending, "cancelled");

        var approvedId = Api.Id(await duty.FileAsync(RequestSamples.Flood()));
        await fixture.As("ma-approver").DecideAsync(approvedId, "approve");
        await fixture.As("fr-approver").DecideAsync(approvedId, "approve");
        using var tooLate = await duty.PostJsonAsync($"/api/requests/{approvedId}/cancellation", new JsonObject());
        await Api.ProblemAsync(tooLate, HttpStatusCode.Conflict);
        Assert.Equal("approved", (string)(await duty.GetRequestAsync(approvedId))["status"]!);
    }

    [Fact]
    public async Task Two_approvers_deciding_at_once_one_wins_and_the_other_gets_409()
    {
        var id = Api.Id(await fixture.As("ma-duty").FileAsync(RequestSamples.Flood()));
        var first = fixture.As("ma-approver");
        var second = fixture.As("ma-validator-2");

        var responses = await Task.WhenAll(
            first.PostJsonAsync($"/api/requests/{id}/decisions", new JsonObject { ["decision"] = "approve" }),
            second.PostJsonAsync($"/api/requests/{id}/decisions", new JsonObject { ["decision"] = "reject", ["comment"] = "non" }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        var view = await first.GetRequestAsync(id);
        Assert.Single(Api.Actions(view), a => a is "stage-approved" or "rejected");
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task A_decision_on_a_version_the_approver_did_not_see_is_refused()
    {
        var id = Api.Id(await fixture.As("ma-duty").FileAsync(RequestSamples.Flood()));

        using var stale = await fixture.As("ma-approver").PostJsonAsync($"/api/requests/{id}/decisions", new JsonObject { ["decision"] = "approve", ["version"] = 7 });

        await Api.ProblemAsync(stale, HttpStatusCode.Conflict);
        Assert.Equal("pending", (string)(await fixture.As("ma-approver").GetRequestAsync(id))["stages"]![0]!["status"]!);
    }

    [Fact]
    public async Task The_inbox_lists_the_most_urgent_first_then_the_oldest()
    {
        var duty = fixture.As("fr-duty");
        var routine = Api.Id(await duty.FileAsync(RequestSamples.Flood(assisting: "MA-DGPC", urgency: "routine")));
        var lifeSafety = Api.Id(await duty.FileAsync(RequestSamples.Flood(assisting: "MA-DGPC", urgency: "life-safety")));
        var urgent = Api.Id(await duty.FileAsync(RequestSamples.Flood(assisting: "MA-DGPC", urgency: "urgent")));
        var approver = fixture.As("fr-approver");
        await approver.WaitForInboxItemAsync(routine, 0);
        await approver.WaitForInboxItemAsync(urgent, 0);
        await approver.WaitForInboxItemAsync(lifeSafety, 0);

        var order = (await approver.GetArrayAsync("/api/approvals")).Select(i => (string)i!["requestId"]!).Where(x => x == routine || x == urgent || x == lifeSafety).ToList();

        Assert.Equal([lifeSafety, urgent, routine], order);
    }

    private static async Task WaitUntilGoneFromInboxAsync(HttpClient approver, string id)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while ((await approver.GetArrayAsync("/api/approvals")).Any(i => (string)i!["requestId"]! == id))
        {
            Assert.True(DateTime.UtcNow < until, $"Request {id} stayed in the inbox.");
            await Task.Delay(50);
        }
    }
}

public sealed class ApprovalWorkflowTestsOnLocalHost(HostFixture<OnLocalHost> fixture) : ApprovalWorkflowTests<OnLocalHost>(fixture), IClassFixture<HostFixture<OnLocalHost>>;

public sealed class ApprovalWorkflowTestsOnFunctionsApp(HostFixture<OnFunctionsApp> fixture) : ApprovalWorkflowTests<OnFunctionsApp>(fixture), IClassFixture<HostFixture<OnFunctionsApp>>;
