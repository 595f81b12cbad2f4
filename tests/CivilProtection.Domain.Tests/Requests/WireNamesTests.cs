using CivilProtection.Domain.Approvals;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Tests.Requests;

/// <summary>The kebab-case names the API, storage and pages use, and the deadlines chosen by urgency.</summary>
public sealed class WireNamesTests
{
    [Theory]
    [InlineData(Urgency.LifeSafety, "life-safety")]
    [InlineData(Urgency.Urgent, "urgent")]
    [InlineData(Urgency.Routine, "routine")]
    public void An_urgency_has_a_kebab_case_wire_name_that_parses_back(Urgency urgency, string name)
    {
        Assert.Equal(name, WireNames.Of(urgency));
        Assert.True(WireNames.TryParse(name, out Urgency parsed));
        Assert.Equal(urgency, parsed);
    }

    [Theory]
    [InlineData(RequestStatus.PendingApproval, "pending-approval")]
    [InlineData(RequestStatus.ReturnedForInformation, "returned-for-information")]
    [InlineData(RequestStatus.Approved, "approved")]
    [InlineData(RequestStatus.Rejected, "rejected")]
    [InlineData(RequestStatus.Cancelled, "cancelled")]
    [InlineData(RequestStatus.Dispatched, "dispatched")]
    [InlineData(RequestStatus.Closed, "closed")]
    public void A_request_status_has_a_kebab_case_wire_name_that_parses_back(RequestStatus status, string name)
    {
        Assert.Equal(name, WireNames.Of(status));
        Assert.True(WireNames.TryParse(name, out RequestStatus parsed));
        Assert.Equal(status, parsed);
    }

    [Fact]
    public void Every_urgency_and_every_status_has_its_own_wire_name()
    {
        var urgencies = Enum.GetValues<Urgency>().Select(WireNames.Of).ToList();
        var statuses = Enum.GetValues<RequestStatus>().Select(WireNames.Of).ToList();

        Assert.Equal(urgencies.Count, urgencies.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(statuses.Count, statuses.Distinct(StringComparer.Ordinal).Count());
        Assert.All(Enum.GetValues<Urgency>(), u => Assert.True(WireNames.TryParse(WireNames.Of(u), out Urgency back) && back == u, $"{u} does not round trip"));
        Assert.All(Enum.GetValues<RequestStatus>(), s => Assert.True(WireNames.TryParse(WireNames.Of(s), out RequestStatus back) && back == s, $"{s} does not round trip"));
    }

    [Theory]
    [InlineData(StageStatus.Waiting, "waiting")]
    [InlineData(StageStatus.Pending, "pending")]
    [InlineData(StageStatus.Approved, "approved")]
    [InlineData(StageStatus.Rejected, "rejected")]
    [InlineData(StageStatus.Returned, "returned")]
    [InlineData(StageStatus.Cancelled, "cancelled")]
    public void A_stage_status_has_a_lower_case_wire_name(StageStatus status, string name)
    {
        Assert.Equal(name, WireNames.Of(status));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("LifeSafety")]
    [InlineData("life_safety")]
    [InlineData("Urgent")]
    [InlineData(" urgent")]
    [InlineData("urgent ")]
    [InlineData("critical")]
    [InlineData("0")]
    public void An_unknown_urgency_name_is_refused(string? name)
    {
        Assert.False(WireNames.TryParse<Urgency>(name, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pending")]
    [InlineData("PendingApproval")]
    [InlineData("Approved")]
    [InlineData("returned")]
    [InlineData("canceled")]
    [InlineData("1")]
    public void An_unknown_status_name_is_refused(string? name)
    {
        Assert.False(WireNames.TryParse<RequestStatus>(name, out _));
    }

    // The names stored in rows and sent by the API before they came from one naming policy, kept as they were.
    [Fact]
    public void The_claim_extension_and_deployment_names_are_those_stored_before_one_policy_named_them()
    {
        Assert.Equal("under-review", WireNames.Of(Domain.Costs.ClaimStatus.UnderReview));
        Assert.Equal("partly-approved", WireNames.Of(Domain.Costs.LineReviewStatus.PartlyApproved));
        Assert.Equal("partly-approve", WireNames.Of(Domain.Costs.LineDecision.PartlyApprove));
        Assert.Equal("subsistence", WireNames.Of(Domain.Costs.CostCategory.Subsistence));
        Assert.Equal("declined", WireNames.Of(Domain.Deployments.ExtensionStatus.Declined));
        Assert.Equal("question-asked", WireNames.Of(Domain.Offers.OfferStatus.QuestionAsked));
        Assert.Equal("offered", WireNames.Of(Domain.Offers.AddresseeStatus.Offered));
    }

    [Fact]
    public void Every_enumeration_of_the_domain_has_distinct_names_that_read_back()
    {
        var enumerations = typeof(WireNames).Assembly.GetTypes().Where(t => t.IsEnum && t.IsPublic).ToList();
        Assert.True(enumerations.Count > 10);
        foreach (var type in enumerations)
        {
            var check = typeof(WireNamesTests).GetMethod(nameof(RoundTrips), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(type);
            check.Invoke(null, null);
        }
    }

    private static void RoundTrips<T>() where T : struct, Enum
    {
        var names = Enum.GetValues<T>().Select(WireNames.Of).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", n));
        Assert.All(Enum.GetValues<T>(), v => Assert.True(WireNames.TryParse(WireNames.Of(v), out T back) && back.Equals(v), $"{typeof(T).Name}.{v} does not read back"));
    }

    [Theory]
    [InlineData(Urgency.LifeSafety, 1)]
    [InlineData(Urgency.Urgent, 2)]
    [InlineData(Urgency.Routine, 3)]
    public void A_stage_deadline_is_chosen_by_urgency(Urgency urgency, int hours)
    {
        var deadlines = new DecisionDeadlines(TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3));

        Assert.Equal(TimeSpan.FromHours(hours), deadlines.For(urgency));
    }

    [Fact]
    public void The_default_deadlines_are_an_hour_for_life_safety_four_for_urgent_and_a_day_for_routine()
    {
        Assert.Equal(TimeSpan.FromHours(1), DecisionDeadlines.Default.For(Urgency.LifeSafety));
        Assert.Equal(TimeSpan.FromHours(4), DecisionDeadlines.Default.For(Urgency.Urgent));
        Assert.Equal(TimeSpan.FromHours(24), DecisionDeadlines.Default.For(Urgency.Routine));
    }
}
