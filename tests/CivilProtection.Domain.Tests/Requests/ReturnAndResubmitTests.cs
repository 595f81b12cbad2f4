using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Tests.Requests;

/// <summary>Returning for information and resubmitting: the stage that asked starts again on the amended details.</summary>
public sealed class ReturnAndResubmitTests
{
    private const string Question = "Combien de personnes sont sinistrées ?";
    private const string Amendment = "12 000 personnes évacuées ; urgence relevée.";

    [Fact]
    public void Returning_a_pending_request_marks_it_and_its_stage_returned()
    {
        var request = Given.PendingAtStage(1);

        request.ReturnForInformation(Given.AssistingApprover, Given.MuchLater, Question);

        Assert.Equal(RequestStatus.ReturnedForInformation, request.Status);
        var stage = request.CurrentStage;
        Assert.Equal(1, stage.Index);
        Assert.Equal(StageStatus.Returned, stage.Status);
        Assert.Equal(Given.AssistingApprover.UserId, stage.DecidedBy);
        Assert.Equal(Given.MuchLater, stage.DecidedAt);
        Assert.Equal(Question, stage.Comment);
        Assert.Equal(StageStatus.Approved, request.State.Stages[0].Status);
    }

    [Fact]
    public void Returning_records_returned_for_information_with_the_question_and_sends_request_changed()
    {
        var request = Given.PendingAtStage(0);

        request.ReturnForInformation(Given.RequestingApprover, Given.Later, Question);

        var approver = Given.RequestingApprover;
        Assert.Equal([new AuditEvent(3, Given.Later, approver.UserId, approver.DisplayName, AuditActions.Returned, Question, 0)], request.NewEvents);
        Assert.Equal([new RequestMessage(RequestMessageKinds.RequestChanged, Given.RequestId, 2, null)], request.NewMessages);
        Assert.Equal("returned-for-information", AuditActions.Returned);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n")]
    public void Returning_without_saying_what_is_missing_is_refused_and_changes_nothing(string blank)
    {
        var request = Given.PendingAtStage(0);

        Refused.AndNothingChanged(request, r => r.ReturnForInformation(Given.RequestingApprover, Given.Later, blank));
    }

    [Theory]
    [InlineData(RequestStatus.Approved)]
    [InlineData(RequestStatus.Rejected)]
    [InlineData(RequestStatus.Cancelled)]
    [InlineData(RequestStatus.ReturnedForInformation)]
    [InlineData(RequestStatus.Dispatched)]
    [InlineData(RequestStatus.Closed)]
    public void Returning_a_request_that_is_not_pending_approval_is_refused_and_changes_nothing(RequestStatus status)
    {
        var request = Given.InStatus(status);

        Refused.AndNothingChanged(request, r => r.ReturnForInformation(Given.AssistingApprover, Given.LaterStill, Question));
    }

    [Fact]
    public void Resubmitting_restarts_the_same_stage_that_returned_the_request()
    {
        var request = ReturnedAtSecondStage(Urgency.Routine);

        request.Resubmit(Given.DutyOfficer, Given.LaterStill, Given.Details(Urgency.LifeSafety), Amendment);

        Assert.Equal(RequestStatus.PendingApproval, request.Status);
        Assert.Equal(1, request.State.CurrentStageIndex);
        var stage = request.CurrentStage;
        Assert.Equal(StageStatus.Pending, stage.Status);
        Assert.Equal(Given.LaterStill, stage.OpenedAt);
        Assert.Null(stage.DecidedBy);
        Assert.Null(stage.DecidedAt);
        Assert.Null(stage.Comment);
        Assert.Equal(StageStatus.Approved, request.State.Stages[0].Status);
    }

    [Fact]
    public void Resubmitting_with_a_higher_urgency_recomputes_the_deadline_from_the_new_urgency()
    {
        var request = ReturnedAtSecondStage(Urgency.Routine);

        request.Resubmit(Given.DutyOfficer, Given.LaterStill, Given.Details(Urgency.LifeSafety), Amendment);

        Assert.Equal(Given.LaterStill + Given.SecondStageDeadlines.LifeSafety, request.CurrentStage.Deadline);
        Assert.Equal(Urgency.LifeSafety, request.State.Details.Urgency);
    }

    [Fact]
    public void Resubmitting_replaces_the_details_with_the_amended_ones()
    {
        var request = ReturnedAtSecondStage(Urgency.Routine);
        var amended = Given.Details(Urgency.Urgent) with { Language = "en" };

        request.Resubmit(Given.DutyOfficer, Given.LaterStill, amended, Amendment);

        Assert.Same(amended, request.State.Details);
    }

    [Fact]
    public void Resubmitting_records_resubmitted_then_stage_opened_for_the_same_stage()
    {
        var request = ReturnedAtSecondStage(Urgency.Routine);
        var sequence = request.State.EventCount;

        request.Resubmit(Given.DutyOfficer, Given.LaterStill, Given.Details(Urgency.LifeSafety), Amendment);

        var officer = Given.DutyOfficer;
        Assert.Equal(
            [
                new AuditEvent(sequence + 1, Given.LaterStill, officer.UserId, officer.DisplayName, AuditActions.Resubmitted, Amendment, 1),
                new AuditEvent(sequence + 2, Given.LaterStill, officer.UserId, officer.DisplayName, AuditActions.StageOpened, null, 1),
            ],
            request.NewEvents);
        Assert.Equal("resubmitted", AuditActions.Resubmitted);
    }

    [Fact]
    public void Resubmitting_sends_new_stage_opened_and_notice_requested_messages_under_new_message_ids()
    {
        var filed = Given.Filed(Given.TwoStageRoute, Urgency.Routine);
        filed.Approve(Given.RequestingApprover, Given.Later, comment: null);
        var firstOpening = Assert.Single(filed.NewMessages, m => m.Kind == RequestMessageKinds.StageOpened && m.StageIndex == 1);
        var firstNotice = Assert.Single(filed.NewMessages, m => m.Kind == RequestMessageKinds.NoticeRequested && m.StageIndex == 1);
        filed.ReturnForInformation(Given.AssistingApprover, Given.MuchLater, Question);
        var request = Given.Loaded(filed);
        var version = request.State.Version;

        request.Resubmit(Given.DutyOfficer, Given.LaterStill, Given.Details(Urgency.LifeSafety), Amendment);

        Assert.Equal(
            [
                new RequestMessage(RequestMessageKinds.StageOpened, Given.RequestId, version + 1, 1),
                new RequestMessage(RequestMessageKinds.NoticeRequested, Given.RequestId, version + 1, 1),
                new RequestMessage(RequestMessageKinds.RequestChanged, Given.RequestId, version + 1, null),
            ],
            request.NewMessages);
        Assert.Equal(version + 1, request.State.Version);
        Assert.NotEqual(firstOpening.MessageId, request.NewMessages[0].MessageId);
        Assert.NotEqual(firstNotice.MessageId, request.NewMessages[1].MessageId);
    }

    [Fact]
    public void A_resubmitted_request_can_be_approved_again_at_the_stage_that_returned_it()
    {
        var request = ReturnedAtSecondStage(Urgency.Routine);
        request.Resubmit(Given.DutyOfficer, Given.LaterStill, Given.Details(Urgency.LifeSafety), Amendment);

        request.Approve(Given.AssistingApprover, Given.LaterStill.AddMinutes(10), comment: null);

        Assert.Equal(RequestStatus.Approved, request.Status);
    }

    [Theory]
    [InlineData(RequestStatus.PendingApproval)]
    [InlineData(RequestStatus.Approved)]
    [InlineData(RequestStatus.Rejected)]
    [InlineData(RequestStatus.Cancelled)]
    [InlineData(RequestStatus.Dispatched)]
    [InlineData(RequestStatus.Closed)]
    public void Resubmitting_a_request_that_was_not_returned_is_refused_and_changes_nothing(RequestStatus status)
    {
        var request = Given.InStatus(status);

        var refusal = Refused.AndNothingChanged(request, r => r.Resubmit(Given.DutyOfficer, Given.LaterStill, Given.Details(Urgency.LifeSafety), Amendment));

        Assert.Contains(WireNames.Of(status), refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resubmitting_twice_is_refused()
    {
        var request = ReturnedAtSecondStage(Urgency.Routine);
        request.Resubmit(Given.DutyOfficer, Given.LaterStill, Given.Details(Urgency.LifeSafety), Amendment);

        Refused.AndNothingChanged(request, r => r.Resubmit(Given.DutyOfficer, Given.LaterStill, Given.Details(Urgency.LifeSafety), Amendment));
    }

    private static AssistanceRequest ReturnedAtSecondStage(Urgency urgency)
    {
        var request = Given.Filed(Given.TwoStageRoute, urgency);
        request.Approve(Given.RequestingApprover, Given.Later, comment: null);
        request.ReturnForInformation(Given.AssistingApprover, Given.MuchLater, Question);
        return Given.Loaded(request);
    }
}
