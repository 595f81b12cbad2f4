using CivilProtection.Application.Identity;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Requests;
using CivilProtection.Domain.Tests.Requests;

namespace CivilProtection.Domain.Tests.Access;

/// <summary>Who may see, decide, resubmit and cancel a request, and which buttons the page offers them.</summary>
public sealed class RequestAccessTests
{
    // The two-stage route of Given: stage 0 is decided by MA-DGPC's "ma-approvers", stage 1 by FR-DGSCGC's "fr-approvers".
    private static readonly Caller RequestingDutyOfficer = new("ma-duty-1", "Youssef El Amrani", Given.Requesting, [Roles.DutyOfficer], []);
    private static readonly Caller RequestingApprover = new("ma-approver-1", "Nadia Bennani", Given.Requesting, [Roles.Approver], ["ma-approvers"]);
    private static readonly Caller AssistingApprover = new("fr-approver-1", "Claire Martin", Given.Assisting, [Roles.Approver], ["fr-approvers"]);
    private static readonly Caller AssistingDutyOfficer = new("fr-duty-1", "Luc Bernard", Given.Assisting, [Roles.DutyOfficer], []);
    private static readonly Caller AssistingCoordinator = new("fr-coordinator-1", "Hélène Robert", Given.Assisting, [Roles.Coordinator], []);
    private static readonly Caller RequestingCoordinator = new("ma-coordinator-1", "Karim Alaoui", Given.Requesting, [Roles.Coordinator], []);
    private static readonly Caller Outsider = new("es-approver-1", "Lucía García", "ES-DGPCE", [Roles.Approver, Roles.DutyOfficer], ["ma-approvers", "fr-approvers"]);

    private static AssistanceRequestState AtFirstStage => Given.PendingAtStage(0).State;

    private static AssistanceRequestState AtSecondStage => Given.PendingAtStage(1).State;

    [Fact]
    public void Both_parties_to_a_request_can_see_it()
    {
        Assert.True(RequestAccess.CanSee(RequestingDutyOfficer, AtFirstStage));
        Assert.True(RequestAccess.CanSee(AssistingApprover, AtFirstStage));
        Assert.True(RequestAccess.CanSee(AssistingDutyOfficer, AtFirstStage));
    }

    [Fact]
    public void An_authority_that_is_not_party_to_a_request_cannot_see_it_whatever_its_roles()
    {
        Assert.False(RequestAccess.CanSee(Outsider, AtFirstStage));
    }

    [Fact]
    public void A_request_hidden_from_the_caller_is_reported_as_not_found()
    {
        var request = AtFirstStage;

        var notFound = Assert.Throws<NotFoundException>(() => RequestAccess.RequireVisible(Outsider, request));

        Assert.Contains(request.Id, notFound.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_visible_to_the_caller_passes_the_visibility_check()
    {
        RequestAccess.RequireVisible(RequestingDutyOfficer, AtFirstStage);
        RequestAccess.RequireVisible(AssistingApprover, AtFirstStage);
    }

    [Fact]
    public void An_approver_of_the_stage_authority_in_its_group_can_decide_it()
    {
        var stages = AtFirstStage.Stages;

        Assert.True(RequestAccess.CanDecide(RequestingApprover, stages[0]));
        Assert.True(RequestAccess.CanDecide(AssistingApprover, stages[1]));
    }

    [Fact]
    public void An_approver_of_another_authority_cannot_decide_a_stage_even_in_a_group_of_that_name()
    {
        var stage = AtFirstStage.Stages[0];

        Assert.False(RequestAccess.CanDecide(AssistingApprover with { ApproverGroups = ["ma-approvers"] }, stage));
        Assert.False(RequestAccess.CanDecide(Outsider, stage));
    }

    [Fact]
    public void An_approver_outside_the_stage_group_cannot_decide_it()
    {
        var stage = AtFirstStage.Stages[0];

        Assert.False(RequestAccess.CanDecide(RequestingApprover with { ApproverGroups = ["ma-logistics"] }, stage));
        Assert.False(RequestAccess.CanDecide(RequestingApprover with { ApproverGroups = [] }, stage));
        Assert.False(RequestAccess.CanDecide(RequestingApprover with { ApproverGroups = ["MA-APPROVERS"] }, stage));
    }

    [Fact]
    public void Someone_in_the_stage_group_without_the_approver_role_cannot_decide_it()
    {
        var stage = AtFirstStage.Stages[0];

        Assert.False(RequestAccess.CanDecide(RequestingApprover with { Roles = [Roles.DutyOfficer, Roles.Coordinator] }, stage));
    }

    [Fact]
    public void Only_duty_officers_of_the_requesting_authority_are_its_requesters()
    {
        var request = AtFirstStage;

        Assert.True(RequestAccess.IsRequester(RequestingDutyOfficer, request));
        Assert.False(RequestAccess.IsRequester(AssistingDutyOfficer, request));
        Assert.False(RequestAccess.IsRequester(RequestingApprover, request));
        Assert.False(RequestAccess.IsRequester(Outsider, request));
    }

    [Fact]
    public void The_approver_of_the_current_stage_may_approve_reject_or_return()
    {
        Assert.Equal([RequestActions.Approve, RequestActions.Reject, RequestActions.Return], RequestAccess.AllowedActions(RequestingApprover, AtFirstStage));
        Assert.Equal([RequestActions.Approve, RequestActions.Reject, RequestActions.Return], RequestAccess.AllowedActions(AssistingApprover, AtSecondStage));
    }

    [Fact]
    public void The_approver_of_another_stage_may_do_nothing_yet_or_any_more()
    {
        Assert.Empty(RequestAccess.AllowedActions(AssistingApprover, AtFirstStage));
        Assert.Empty(RequestAccess.AllowedActions(RequestingApprover, AtSecondStage));
    }

    [Fact]
    public void The_requester_of_a_pending_request_may_only_cancel_it()
    {
        Assert.Equal([RequestActions.Cancel], RequestAccess.AllowedActions(RequestingDutyOfficer, AtFirstStage));
    }

    [Fact]
    public void The_requester_of_a_returned_request_may_resubmit_or_cancel_it()
    {
        var returned = Given.InStatus(RequestStatus.ReturnedForInformation).State;

        Assert.Equal([RequestActions.Resubmit, RequestActions.Cancel], RequestAccess.AllowedActions(RequestingDutyOfficer, returned));
    }

    [Fact]
    public void No_one_may_decide_a_returned_request()
    {
        var returned = Given.InStatus(RequestStatus.ReturnedForInformation).State;

        Assert.Empty(RequestAccess.AllowedActions(RequestingApprover, returned));
    }

    [Fact]
    public void A_duty_officer_who_also_approves_the_current_stage_may_decide_it_and_cancel_it()
    {
        var both = RequestingApprover with { Roles = [Roles.Approver, Roles.DutyOfficer] };

        Assert.Equal(
            [RequestActions.Approve, RequestActions.Reject, RequestActions.Return, RequestActions.Cancel],
            RequestAccess.AllowedActions(both, AtFirstStage));
    }

    [Theory]
    [InlineData(RequestStatus.Rejected)]
    [InlineData(RequestStatus.Cancelled)]
    [InlineData(RequestStatus.Closed)]
    public void No_one_may_act_on_a_request_that_is_rejected_cancelled_or_closed(RequestStatus status)
    {
        var request = Given.InStatus(status).State;
        var everyone = RequestingDutyOfficer with { Roles = Roles.All, ApproverGroups = ["ma-approvers", "fr-approvers"] };

        Assert.Empty(RequestAccess.AllowedActions(everyone, request));
        Assert.Empty(RequestAccess.AllowedActions(everyone with { AuthorityId = Given.Assisting }, request));
    }

    [Theory]
    [InlineData(RequestStatus.Approved)]
    [InlineData(RequestStatus.Dispatched)]
    public void Only_the_assisting_coordinator_may_act_on_an_approved_or_dispatched_request_by_dispatching_or_closing_it(RequestStatus status)
    {
        var request = Given.InStatus(status).State;
        var requestingSideWithEveryRole = RequestingDutyOfficer with { Roles = Roles.All, ApproverGroups = ["ma-approvers", "fr-approvers"] };

        Assert.Equal([RequestActions.Dispatch, RequestActions.Close], RequestAccess.AllowedActions(AssistingCoordinator, request));
        Assert.Empty(RequestAccess.AllowedActions(requestingSideWithEveryRole, request));
        Assert.Empty(RequestAccess.AllowedActions(AssistingApprover, request));
        Assert.Empty(RequestAccess.AllowedActions(AssistingDutyOfficer, request));
        Assert.Empty(RequestAccess.AllowedActions(Outsider with { Roles = Roles.All }, request));
    }

    [Theory]
    [InlineData(RequestStatus.PendingApproval)]
    [InlineData(RequestStatus.ReturnedForInformation)]
    [InlineData(RequestStatus.Rejected)]
    [InlineData(RequestStatus.Cancelled)]
    [InlineData(RequestStatus.Closed)]
    public void The_assisting_coordinator_may_do_nothing_before_approval_or_once_it_is_over(RequestStatus status)
    {
        Assert.Empty(RequestAccess.AllowedActions(AssistingCoordinator, Given.InStatus(status).State));
    }

    [Fact]
    public void Only_coordinators_of_the_assisting_authority_are_its_assisting_coordinators()
    {
        var request = AtFirstStage;

        Assert.True(RequestAccess.IsAssistingCoordinator(AssistingCoordinator, request));
        Assert.False(RequestAccess.IsAssistingCoordinator(RequestingCoordinator, request));
        Assert.False(RequestAccess.IsAssistingCoordinator(AssistingApprover, request));
        Assert.False(RequestAccess.IsAssistingCoordinator(Outsider with { Roles = [Roles.Coordinator] }, request));
    }

    [Fact]
    public void An_outsider_may_do_nothing()
    {
        Assert.Empty(RequestAccess.AllowedActions(Outsider, AtFirstStage));
        Assert.Empty(RequestAccess.AllowedActions(Outsider, Given.InStatus(RequestStatus.ReturnedForInformation).State));
    }

    [Fact]
    public void Action_names_are_the_api_decisions_and_sub_resources()
    {
        Assert.Equal(
            ["approve", "reject", "return", "resubmit", "cancel", "acknowledge", "dispatch", "close"],
            new[]
            {
                RequestActions.Approve, RequestActions.Reject, RequestActions.Return, RequestActions.Resubmit, RequestActions.Cancel,
                RequestActions.Acknowledge, RequestActions.Dispatch, RequestActions.Close,
            });
    }
}
