using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Tests.Requests;

/// <summary>After approval: the request is dispatched once responders cover it, and the assisting side closes it.</summary>
public sealed class DispatchAndClosingTests
{
    [Fact]
    public void Marking_an_approved_request_dispatched_dispatches_it()
    {
        var request = Given.Loaded(Given.InStatus(RequestStatus.Approved));
        var version = request.State.Version;

        request.MarkDispatched(Given.Coordinator, Given.LaterStill);

        Assert.Equal(RequestStatus.Dispatched, request.Status);
        Assert.Equal(version + 1, request.State.Version);
        Assert.Equal(Given.LaterStill, request.State.UpdatedAt);
        Assert.All(request.State.Stages, stage => Assert.Equal(StageStatus.Approved, stage.Status));
    }

    [Fact]
    public void Marking_dispatched_records_dispatched_for_no_stage_and_sends_request_changed()
    {
        var request = Given.Loaded(Given.InStatus(RequestStatus.Approved));
        var sequence = request.State.EventCount + 1;
        var version = request.State.Version + 1;

        request.MarkDispatched(Given.Coordinator, Given.LaterStill);

        var coordinator = Given.Coordinator;
        Assert.Equal([new AuditEvent(sequence, Given.LaterStill, coordinator.UserId, coordinator.DisplayName, AuditActions.Dispatched, null, null)], request.NewEvents);
        Assert.Equal([new RequestMessage(RequestMessageKinds.RequestChanged, Given.RequestId, version, null)], request.NewMessages);
        Assert.Equal("dispatched", AuditActions.Dispatched);
    }

    [Theory]
    [InlineData(RequestStatus.PendingApproval)]
    [InlineData(RequestStatus.ReturnedForInformation)]
    [InlineData(RequestStatus.Rejected)]
    [InlineData(RequestStatus.Cancelled)]
    [InlineData(RequestStatus.Dispatched)]
    [InlineData(RequestStatus.Closed)]
    public void Marking_dispatched_a_request_that_is_not_approved_is_refused_and_changes_nothing(RequestStatus status)
    {
        var request = Given.InStatus(status);

        var refusal = Refused.AndNothingChanged(request, r => r.MarkDispatched(Given.Coordinator, Given.LaterStill.AddDays(1)));

        Assert.Contains(WireNames.Of(status), refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RequestStatus.Approved)]
    [InlineData(RequestStatus.Dispatched)]
    public void Closing_an_approved_or_dispatched_request_closes_it(RequestStatus status)
    {
        var request = Given.Loaded(Given.InStatus(status));
        var version = request.State.Version;
        var closedAt = Given.LaterStill.AddDays(3);

        request.Close(Given.Coordinator, closedAt, "Mission terminée.");

        Assert.Equal(RequestStatus.Closed, request.Status);
        Assert.Equal(version + 1, request.State.Version);
        Assert.Equal(closedAt, request.State.UpdatedAt);
    }

    [Fact]
    public void Closing_records_closed_with_the_comment_for_no_stage_and_sends_request_changed()
    {
        var request = Given.Loaded(Given.InStatus(RequestStatus.Dispatched));
        var sequence = request.State.EventCount + 1;
        var version = request.State.Version + 1;
        var closedAt = Given.LaterStill.AddDays(3);

        request.Close(Given.Coordinator, closedAt, "Mission terminée.");

        var coordinator = Given.Coordinator;
        Assert.Equal([new AuditEvent(sequence, closedAt, coordinator.UserId, coordinator.DisplayName, AuditActions.Closed, "Mission terminée.", null)], request.NewEvents);
        Assert.Equal([new RequestMessage(RequestMessageKinds.RequestChanged, Given.RequestId, version, null)], request.NewMessages);
        Assert.Equal("closed", AuditActions.Closed);
    }

    [Fact]
    public void Closing_needs_no_comment()
    {
        var request = Given.Loaded(Given.InStatus(RequestStatus.Approved));

        request.Close(Given.Coordinator, Given.LaterStill, comment: null);

        Assert.Equal(RequestStatus.Closed, request.Status);
        Assert.Null(Assert.Single(request.NewEvents).Comment);
    }

    [Theory]
    [InlineData(RequestStatus.PendingApproval)]
    [InlineData(RequestStatus.ReturnedForInformation)]
    [InlineData(RequestStatus.Rejected)]
    [InlineData(RequestStatus.Cancelled)]
    [InlineData(RequestStatus.Closed)]
    public void Closing_a_request_that_is_neither_approved_nor_dispatched_is_refused_and_changes_nothing(RequestStatus status)
    {
        var request = Given.InStatus(status);

        var refusal = Refused.AndNothingChanged(request, r => r.Close(Given.Coordinator, Given.LaterStill.AddDays(5), "again"));

        Assert.Contains(WireNames.Of(status), refusal.Message, StringComparison.Ordinal);
    }
}
