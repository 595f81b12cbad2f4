using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Tests.Requests;

/// <summary>Approving: each stage's approval opens the next, and the last one approves the request.</summary>
public sealed class ApprovalTests
{
    [Fact]
    public void Approving_the_first_of_two_stages_records_the_decision_on_that_stage()
    {
        var request = Given.PendingAtStage(0);

        request.Approve(Given.RequestingApprover, Given.Later, "Conforme.");

        var decided = request.State.Stages[0];
        Assert.Equal(StageStatus.Approved, decided.Status);
        Assert.Equal(Given.RequestingApprover.UserId, decided.DecidedBy);
        Assert.Equal(Given.Later, decided.DecidedAt);
        Assert.Equal("Conforme.", decided.Comment);
        Assert.Equal(Given.FiledAt, decided.OpenedAt);
    }

    [Fact]
    public void Approving_the_first_of_two_stages_opens_the_second_and_leaves_the_request_pending()
    {
        var request = Given.PendingAtStage(0);

        request.Approve(Given.RequestingApprover, Given.Later, comment: null);

        Assert.Equal(RequestStatus.PendingApproval, request.Status);
        Assert.Equal(1, request.State.CurrentStageIndex);
        var opened = request.CurrentStage;
        Assert.Equal(1, opened.Index);
        Assert.Equal(StageStatus.Pending, opened.Status);
        Assert.Equal(Given.Later, opened.OpenedAt);
        Assert.Null(opened.DecidedBy);
        Assert.Null(opened.DecidedAt);
        Assert.Null(opened.Comment);
    }

    [Theory]
    [InlineData(Urgency.LifeSafety, 90)]
    [InlineData(Urgency.Urgent, 6 * 60)]
    [InlineData(Urgency.Routine, 48 * 60)]
    public void The_next_stage_deadline_comes_from_that_stage_own_deadlines(Urgency urgency, int minutes)
    {
        var request = Given.PendingAtStage(0, urgency);

        request.Approve(Given.RequestingApprover, Given.Later, comment: null);

        Assert.Equal(Given.SecondStageDeadlines, request.CurrentStage.Deadlines);
        Assert.Equal(Given.Later.AddMinutes(minutes), request.CurrentStage.Deadline);
    }

    [Fact]
    public void Approving_a_stage_that_opens_the_next_records_stage_approved_then_stage_opened()
    {
        var request = Given.PendingAtStage(0);
        var comment = "Conforme.";

        request.Approve(Given.RequestingApprover, Given.Later, comment);

        var approver = Given.RequestingApprover;
        Assert.Equal(
            [
                new AuditEvent(3, Given.Later, approver.UserId, approver.DisplayName, AuditActions.StageApproved, comment, 0),
                new AuditEvent(4, Given.Later, approver.UserId, approver.DisplayName, AuditActions.StageOpened, null, 1),
            ],
            request.NewEvents);
    }

    [Fact]
    public void Approving_a_stage_that_opens_the_next_raises_the_version_exactly_once()
    {
        var request = Given.PendingAtStage(0);
        var before = request.State.Version;

        request.Approve(Given.RequestingApprover, Given.Later, comment: null);

        Assert.Equal(before + 1, request.State.Version);
    }

    [Fact]
    public void Approving_a_stage_that_opens_the_next_sends_stage_opened_and_notice_requested_for_it_then_request_changed_at_the_new_version()
    {
        var request = Given.PendingAtStage(0);

        request.Approve(Given.RequestingApprover, Given.Later, comment: null);

        Assert.Equal(
            [
                new RequestMessage(RequestMessageKinds.StageOpened, Given.RequestId, 2, 1),
                new RequestMessage(RequestMessageKinds.NoticeRequested, Given.RequestId, 2, 1),
                new RequestMessage(RequestMessageKinds.RequestChanged, Given.RequestId, 2, null),
            ],
            request.NewMessages);
    }

    [Fact]
    public void Approving_the_last_stage_approves_the_request()
    {
        var request = Given.PendingAtStage(1);

        request.Approve(Given.AssistingApprover, Given.MuchLater, "Module HCP engagé.");

        Assert.Equal(RequestStatus.Approved, request.Status);
        Assert.Equal(1, request.State.CurrentStageIndex);
        var last = request.CurrentStage;
        Assert.Equal(StageStatus.Approved, last.Status);
        Assert.Equal(Given.AssistingApprover.UserId, last.DecidedBy);
        Assert.Equal(Given.MuchLater, last.DecidedAt);
        Assert.Equal("Module HCP engagé.", last.Comment);
        Assert.All(request.State.Stages, stage => Assert.Equal(StageStatus.Approved, stage.Status));
    }

    [Fact]
    public void Approving_the_last_stage_records_stage_approved_then_approved()
    {
        var request = Given.PendingAtStage(1);

        request.Approve(Given.AssistingApprover, Given.MuchLater, "Module HCP engagé.");

        var approver = Given.AssistingApprover;
        Assert.Equal(
            [
                new AuditEvent(5, Given.MuchLater, approver.UserId, approver.DisplayName, AuditActions.StageApproved, "Module HCP engagé.", 1),
                new AuditEvent(6, Given.MuchLater, approver.UserId, approver.DisplayName, AuditActions.Approved, null, 1),
            ],
            request.NewEvents);
        Assert.Equal("approved", AuditActions.Approved);
        Assert.Equal("stage-approved", AuditActions.StageApproved);
    }

    [Fact]
    public void Approving_the_last_stage_opens_no_stage_and_pages_the_operations_desk_with_a_notice_for_no_stage()
    {
        var request = Given.PendingAtStage(1);

        request.Approve(Given.AssistingApprover, Given.MuchLater, comment: null);

        Assert.Equal(
            [
                new RequestMessage(RequestMessageKinds.NoticeRequested, Given.RequestId, 3, null),
                new RequestMessage(RequestMessageKinds.RequestChanged, Given.RequestId, 3, null),
            ],
            request.NewMessages);
        Assert.Equal(3, request.State.Version);
    }

    [Fact]
    public void A_one_stage_route_is_approved_by_its_only_stage()
    {
        var request = Given.Loaded(Given.Filed(Given.OneStageRoute));

        request.Approve(Given.RequestingApprover, Given.Later, comment: null);

        Assert.Equal(RequestStatus.Approved, request.Status);
        Assert.Equal([AuditActions.StageApproved, AuditActions.Approved], request.NewEvents.Select(e => e.Action));
    }

    [Fact]
    public void A_three_stage_route_goes_through_all_three_stages_before_the_request_is_approved()
    {
        var request = Given.Filed(Given.ThreeStageRoute, Urgency.Urgent);

        request.Approve(Given.RequestingApprover, Given.Later, comment: null);
        Assert.Equal(RequestStatus.PendingApproval, request.Status);
        Assert.Equal(1, request.State.CurrentStageIndex);
        Assert.Equal(Given.Later + Given.SecondStageDeadlines.Urgent, request.CurrentStage.Deadline);

        request.Approve(Given.AssistingApprover, Given.MuchLater, comment: null);
        Assert.Equal(RequestStatus.PendingApproval, request.Status);
        Assert.Equal(2, request.State.CurrentStageIndex);
        Assert.Equal(StageStatus.Pending, request.CurrentStage.Status);
        Assert.Equal(Given.MuchLater, request.CurrentStage.OpenedAt);
        Assert.Equal(Given.MuchLater + Given.ThirdStageDeadlines.Urgent, request.CurrentStage.Deadline);

        request.Approve(Given.ThirdApprover, Given.LaterStill, comment: null);
        Assert.Equal(RequestStatus.Approved, request.Status);
        Assert.Equal(
            [Given.RequestingApprover.UserId, Given.AssistingApprover.UserId, Given.ThirdApprover.UserId],
            request.State.Stages.Select(stage => stage.DecidedBy));
        Assert.Equal(
            [
                AuditActions.Submitted, AuditActions.StageOpened,
                AuditActions.StageApproved, AuditActions.StageOpened,
                AuditActions.StageApproved, AuditActions.StageOpened,
                AuditActions.StageApproved, AuditActions.Approved,
            ],
            request.NewEvents.Select(e => e.Action));
        Assert.Equal(
            [0, 1, 2],
            request.NewMessages.Where(m => m.Kind == RequestMessageKinds.StageOpened).Select(m => m.StageIndex ?? -1));
        Assert.Equal(4, request.State.Version);
    }

    [Theory]
    [InlineData(RequestStatus.Approved)]
    [InlineData(RequestStatus.Rejected)]
    [InlineData(RequestStatus.Cancelled)]
    [InlineData(RequestStatus.ReturnedForInformation)]
    [InlineData(RequestStatus.Dispatched)]
    [InlineData(RequestStatus.Closed)]
    public void Approving_a_request_that_is_not_pending_approval_is_refused_and_changes_nothing(RequestStatus status)
    {
        var request = Given.InStatus(status);

        var refusal = Refused.AndNothingChanged(request, r => r.Approve(Given.AssistingApprover, Given.LaterStill, comment: null));

        Assert.Contains(WireNames.Of(status), refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Approving_a_request_twice_at_its_last_stage_is_refused()
    {
        var request = Given.PendingAtStage(1);
        request.Approve(Given.AssistingApprover, Given.MuchLater, comment: null);

        Refused.AndNothingChanged(request, r => r.Approve(Given.AssistingApprover, Given.MuchLater, comment: null));
    }
}
