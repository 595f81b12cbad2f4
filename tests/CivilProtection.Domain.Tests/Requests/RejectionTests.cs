using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Tests.Requests;

/// <summary>Rejecting: the current stage's approver ends the request, and must say why.</summary>
public sealed class RejectionTests
{
    private const string Reason = "Les moyens nationaux suffisent.";

    [Fact]
    public void Rejecting_a_pending_request_rejects_it_and_its_current_stage()
    {
        var request = Given.PendingAtStage(0);

        request.Reject(Given.RequestingApprover, Given.Later, Reason);

        Assert.Equal(RequestStatus.Rejected, request.Status);
        var stage = request.CurrentStage;
        Assert.Equal(0, stage.Index);
        Assert.Equal(StageStatus.Rejected, stage.Status);
        Assert.Equal(Given.RequestingApprover.UserId, stage.DecidedBy);
        Assert.Equal(Given.Later, stage.DecidedAt);
        Assert.Equal(Reason, stage.Comment);
        Assert.Equal(StageStatus.Waiting, request.State.Stages[1].Status);
    }

    [Fact]
    public void Rejecting_at_the_second_stage_keeps_the_first_stage_approved()
    {
        var request = Given.PendingAtStage(1);

        request.Reject(Given.AssistingApprover, Given.MuchLater, Reason);

        Assert.Equal(RequestStatus.Rejected, request.Status);
        Assert.Equal([StageStatus.Approved, StageStatus.Rejected], request.State.Stages.Select(stage => stage.Status));
        Assert.Equal(1, request.State.CurrentStageIndex);
    }

    [Fact]
    public void Rejecting_records_rejected_with_the_reason_and_sends_request_changed()
    {
        var request = Given.PendingAtStage(0);

        request.Reject(Given.RequestingApprover, Given.Later, Reason);

        var approver = Given.RequestingApprover;
        Assert.Equal([new AuditEvent(3, Given.Later, approver.UserId, approver.DisplayName, AuditActions.Rejected, Reason, 0)], request.NewEvents);
        Assert.Equal([new RequestMessage(RequestMessageKinds.RequestChanged, Given.RequestId, 2, null)], request.NewMessages);
        Assert.Equal(2, request.State.Version);
        Assert.Equal("rejected", AuditActions.Rejected);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\r\n ")]
    public void Rejecting_without_a_reason_is_refused_and_changes_nothing(string blank)
    {
        var request = Given.PendingAtStage(0);

        Refused.AndNothingChanged(request, r => r.Reject(Given.RequestingApprover, Given.Later, blank));
    }

    [Fact]
    public void Rejecting_with_a_null_reason_is_refused_and_changes_nothing()
    {
        var request = Given.PendingAtStage(0);

        Refused.AndNothingChanged(request, r => r.Reject(Given.RequestingApprover, Given.Later, null!));
    }

    [Theory]
    [InlineData(RequestStatus.Approved)]
    [InlineData(RequestStatus.Rejected)]
    [InlineData(RequestStatus.Cancelled)]
    [InlineData(RequestStatus.ReturnedForInformation)]
    [InlineData(RequestStatus.Dispatched)]
    [InlineData(RequestStatus.Closed)]
    public void Rejecting_a_request_that_is_not_pending_approval_is_refused_and_changes_nothing(RequestStatus status)
    {
        var request = Given.InStatus(status);

        Refused.AndNothingChanged(request, r => r.Reject(Given.AssistingApprover, Given.LaterStill, Reason));
    }
}
