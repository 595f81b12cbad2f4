using System.Net;
using System.Text.Json.Nodes;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>The server checks who may do what on every call, whatever the page shows.</summary>
public abstract class AccessTests<THost>(HostFixture<THost> fixture) where THost : IHostKind
{
    [Fact]
    public async Task Nobody_signed_in_gets_401_on_every_api_call()
    {
        var anonymous = fixture.As(null);
        foreach (var path in new[] { "/api/requests", "/api/approvals", "/api/work", "/api/me", "/api/authorities", "/api/catalogue" })
        {
            using var response = await anonymous.GetAsync(path);
            await Api.ProblemAsync(response, HttpStatusCode.Unauthorized);
        }
        using var post = await anonymous.PostJsonAsync("/api/requests", RequestSamples.Flood());
        await Api.ProblemAsync(post, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_user_is_nobody()
    {
        using var response = await fixture.As("intruder").GetAsync("/api/me");
        await Api.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Only_duty_officers_file_and_only_for_their_own_authority()
    {
        using var approver = await fixture.As("ma-approver").PostJsonAsync("/api/requests", RequestSamples.Flood());
        await Api.ProblemAsync(approver, HttpStatusCode.Forbidden);

        var onBehalf = RequestSamples.Flood(assisting: "FR-DGSCGC");
        onBehalf["requestingAuthorityId"] = "MA-DGPC";
        using var french = await fixture.As("fr-duty").PostJsonAsync("/api/requests", onBehalf);
        await Api.ProblemAsync(french, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Only_approvers_of_the_stage_authority_and_group_decide_it()
    {
        var id = Api.Id(await fixture.As("ma-duty").FileAsync(RequestSamples.Flood()));
        var decision = new JsonObject { ["decision"] = "approve" };

        foreach (var user in new[] { "ma-duty", "fr-approver", "ma-acceptor", "ma-coordinator" })
        {
            using var response = await fixture.As(user).PostJsonAsync($"/api/requests/{id}/decisions", decision);
            var problem = await Api.ProblemAsync(response, HttpStatusCode.Forbidden);
            Assert.False(string.IsNullOrEmpty((string?)problem["detail"]), user);
        }
        var view = await fixture.As("ma-duty").GetRequestAsync(id);
        Assert.Equal("pending", (string)view["stages"]![0]!["status"]!);
        Assert.Equal(["submitted", "stage-opened"], Api.Actions(view));
        Assert.Empty((await fixture.As("ma-acceptor").GetRequestAsync(id))["allowedActions"]!.AsArray());
    }

    [Fact]
    public async Task People_of_an_authority_not_party_to_a_request_cannot_see_or_touch_it()
    {
        var id = Api.Id(await fixture.As("ma-duty").FileAsync(RequestSamples.Flood()));
        var tunisian = fixture.As("tn-approver");

        using var get = await tunisian.GetAsync($"/api/requests/{id}");
        await Api.ProblemAsync(get, HttpStatusCode.NotFound);
        using var cancel = await fixture.As("tn-duty").PostJsonAsync($"/api/requests/{id}/cancellation", new JsonObject());
        await Api.ProblemAsync(cancel, HttpStatusCode.NotFound);
        Assert.DoesNotContain(await tunisian.GetArrayAsync("/api/requests"), e => (string)e!["requestId"]! == id);
    }

    [Fact]
    public async Task Only_the_requesting_side_duty_officers_cancel_or_resubmit()
    {
        var id = Api.Id(await fixture.As("ma-duty").FileAsync(RequestSamples.Flood()));

        using var byAssistingSide = await fixture.As("fr-duty").PostJsonAsync($"/api/requests/{id}/cancellation", new JsonObject());
        await Api.ProblemAsync(byAssistingSide, HttpStatusCode.Forbidden);
        using var byApprover = await fixture.As("ma-approver").PostJsonAsync($"/api/requests/{id}/cancellation", new JsonObject());
        await Api.ProblemAsync(byApprover, HttpStatusCode.Forbidden);
        Assert.Equal("pending-approval", (string)(await fixture.As("ma-duty").GetRequestAsync(id))["status"]!);
    }

    [Fact]
    public async Task A_cross_site_form_post_is_refused_because_state_changes_take_only_json()
    {
        var client = fixture.As("ma-duty");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["assistingAuthorityId"] = "FR-DGSCGC" });

        using var response = await client.PostAsync("/api/requests", form);

        await Api.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }
}

public sealed class AccessTestsOnLocalHost(HostFixture<OnLocalHost> fixture) : AccessTests<OnLocalHost>(fixture), IClassFixture<HostFixture<OnLocalHost>>;

public sealed class AccessTestsOnFunctionsApp(HostFixture<OnFunctionsApp> fixture) : AccessTests<OnFunctionsApp>(fixture), IClassFixture<HostFixture<OnFunctionsApp>>;
