using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Tests.Requests;

/// <summary>Cancelling: the requester withdraws a request before its final decision.</summary>
public sealed class CancellationTests
{
    private const string Reason = "La crue est passée.";

    [Theory]
    [InlineData(RequestStatus.PendingApproval)]
    [InlineData(RequestStatus.ReturnedForInformation)]
    public void Cancelling_a_request_awaiting_approval_or_information_cancels_it_and_its_current_stage(RequestStatus status)
    {
        var request = Given.Loaded(Given.InStatus(status));
        var version = request.State.Version;

        request.Cancel(Given.DutyOfficer, Given.MuchLater, Reason);

        Assert.Equal(RequestStatus.Cancelled, request.Status);
        Assert.Equal(StageStatus.Cancelled, request.CurrentStage.Status);
        // The stage shows who ended it and why, not the approver who may have returned it.
        Assert.Equal(Given.DutyOfficer.UserId, request.CurrentStage.DecidedBy);
        Assert.Equal(Given.MuchLater, request.CurrentStage.DecidedAt);
        Assert.Equal(Reason, request.CurrentStage.Comment);
        Assert.Equal(version + 1, request.State.Version);
        Assert.Equal(Given.MuchLater, request.State.UpdatedAt);
    }

    [Fact]
    public void Cancelling_records_cancelled_with_the_comment_and_sends_request_changed()
    {
        var request = Given.PendingAtStage(1);

        request.Cancel(Given.DutyOfficer, Given.MuchLater, Reason);

        var officer = Given.DutyOfficer;
        Assert.Equal([new AuditEvent(5, Given.MuchLater, officer.UserId, officer.DisplayName, AuditActions.Cancelled, Reason, 1)], request.NewEvents);
        Assert.Equal([new RequestMessage(RequestMessageKinds.RequestChanged, Given.RequestId, 3, null)], request.NewMessages);
        Assert.Equal([StageStatus.Approved, StageStatus.Cancelled], request.State.Stages.Select(stage => stage.Status));
        Assert.Equal("cancelled", AuditActions.Cancelled);
    }

    [Fact]
    public void Cancelling_needs_no_comment()
    {
        var request = Given.PendingAtStage(0);

        request.Cancel(Given.DutyOfficer, Given.Later, comment: null);

        Assert.Equal(RequestStatus.Cancelled, request.Status);
        Assert.Null(Assert.Single(request.NewEvents).Comment);
    }

    [Theory]
    [InlineData(RequestStatus.Approved)]
    [InlineData(RequestStatus.Rejected)]
    [InlineData(RequestStatus.Cancelled)]
    [InlineData(RequestStatus.Dispatched)]
    [InlineData(RequestStatus.Closed)]
    public void Cancelling_a_request_that_was_decided_or_already_cancelled_is_refused_and_changes_nothing(RequestStatus status)
    {
        var request = Given.InStatus(status);

        var refusal = Refused.AndNothingChanged(request, r => r.Cancel(Given.DutyOfficer, Given.LaterStill, Reason));

        Assert.Contains(WireNames.Of(status), refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RequestStatus.Cancelled)]
    [InlineData(RequestStatus.Rejected)]
    public void A_cancelled_or_rejected_request_cannot_be_resubmitted_approved_or_returned(RequestStatus status)
    {
        var request = Given.InStatus(status);

        Refused.AndNothingChanged(request, r => r.Resubmit(Given.DutyOfficer, Given.LaterStill, Given.Details(), "again"));
        Refused.AndNothingChanged(request, r => r.Approve(Given.RequestingApprover, Given.LaterStill, comment: null));
        Refused.AndNothingChanged(request, r => r.ReturnForInformation(Given.RequestingApprover, Given.LaterStill, "why?"));
    }
}
