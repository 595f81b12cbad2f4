using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Tests.Requests;

/// <summary>What every transition keeps true: one version step, a gap-free timeline, the time of the change, and a clean restore.</summary>
public sealed class VersioningAndRestoreTests
{
    /// <summary>Every transition, each applied to a request in which it is allowed; the instant is when it happens.</summary>
    public static TheoryData<string> Transitions => new() { "approve-first", "approve-last", "reject", "return", "resubmit", "cancel-pending", "cancel-returned", "dispatch", "close-approved", "close-dispatched" };

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Every_transition_raises_the_version_by_exactly_one(string transition)
    {
        var request = Before(transition);
        var version = request.State.Version;

        Apply(transition, request);

        Assert.Equal(version + 1, request.State.Version);
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Every_transition_continues_the_timeline_without_gap_and_counts_its_events(string transition)
    {
        var request = Before(transition);
        var count = request.State.EventCount;

        Apply(transition, request);

        Assert.NotEmpty(request.NewEvents);
        Assert.Equal(Enumerable.Range(count + 1, request.NewEvents.Count), request.NewEvents.Select(e => e.Sequence));
        Assert.Equal(request.NewEvents[^1].Sequence, request.State.EventCount);
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Every_transition_stamps_its_events_and_the_request_with_the_transition_time(string transition)
    {
        var request = Before(transition);

        Apply(transition, request);

        Assert.Equal(When, request.State.UpdatedAt);
        Assert.All(request.NewEvents, e => Assert.Equal(When, e.At));
        Assert.Equal(Given.FiledAt, request.State.FiledAt);
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Every_transition_sends_its_messages_at_the_version_it_produced_ending_with_request_changed(string transition)
    {
        var request = Before(transition);

        Apply(transition, request);

        Assert.All(request.NewMessages, m => Assert.Equal(request.State.Version, m.Version));
        Assert.All(request.NewMessages, m => Assert.Equal(Given.RequestId, m.RequestId));
        Assert.Equal(RequestMessageKinds.RequestChanged, request.NewMessages[^1].Kind);
        Assert.Single(request.NewMessages, m => m.Kind == RequestMessageKinds.RequestChanged);
        var ids = request.NewMessages.Select(m => m.MessageId).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Filing_counts_its_events_and_stamps_the_request()
    {
        var request = Given.Filed();

        Assert.Equal(request.NewEvents[^1].Sequence, request.State.EventCount);
        Assert.Equal(Given.FiledAt, request.State.UpdatedAt);
    }

    [Fact]
    public void A_whole_lifecycle_numbers_versions_events_and_messages_without_gap()
    {
        var request = Given.Filed(Given.TwoStageRoute, Urgency.Routine);
        request.ReturnForInformation(Given.RequestingApprover, Given.Later, "Précisez le nombre de pompes.");
        request.Resubmit(Given.DutyOfficer, Given.MuchLater, Given.Details(Urgency.Urgent), "Deux modules.");
        request.Approve(Given.RequestingApprover, Given.LaterStill, comment: null);
        request.Approve(Given.AssistingApprover, Given.LaterStill.AddHours(1), comment: null);

        Assert.Equal(5, request.State.Version);
        Assert.Equal(Enumerable.Range(1, request.NewEvents.Count), request.NewEvents.Select(e => e.Sequence));
        Assert.Equal(request.NewEvents.Count, request.State.EventCount);
        Assert.Equal([1, 2, 3, 4, 5], request.NewMessages.Where(m => m.Kind == RequestMessageKinds.RequestChanged).Select(m => m.Version));
        var ids = request.NewMessages.Select(m => m.MessageId).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_restored_request_has_no_new_events_or_messages()
    {
        var filed = Given.Filed();

        var restored = AssistanceRequest.Restore(filed.State);

        Assert.Empty(restored.NewEvents);
        Assert.Empty(restored.NewMessages);
    }

    [Fact]
    public void A_restored_request_holds_the_stored_state_as_it_is()
    {
        var state = Given.Filed().State;

        var restored = AssistanceRequest.Restore(state);

        Assert.Same(state, restored.State);
        Assert.Equal(state.Id, restored.Id);
        Assert.Equal(state.Status, restored.Status);
        Assert.Same(state.Stages[state.CurrentStageIndex], restored.CurrentStage);
    }

    [Fact]
    public void A_restored_request_continues_its_version_and_timeline_where_they_stopped()
    {
        var restored = AssistanceRequest.Restore(Given.Filed().State);

        restored.Approve(Given.RequestingApprover, Given.Later, comment: null);

        Assert.Equal([3, 4], restored.NewEvents.Select(e => e.Sequence));
        Assert.Equal(2, restored.State.Version);
    }

    [Fact]
    public void A_transition_replaces_the_state_and_leaves_the_previous_one_untouched()
    {
        var request = Given.PendingAtStage(0);
        var before = request.State;
        var stagesBefore = before.Stages.ToList();

        request.Approve(Given.RequestingApprover, Given.Later, comment: null);

        Assert.NotSame(before, request.State);
        Assert.Equal(RequestStatus.PendingApproval, before.Status);
        Assert.Equal(1, before.Version);
        Assert.Equal(0, before.CurrentStageIndex);
        Assert.Equal(stagesBefore, before.Stages);
    }

    private static readonly DateTimeOffset When = Given.LaterStill.AddMinutes(13);

    private static AssistanceRequest Before(string transition) => transition switch
    {
        "approve-first" or "reject" or "return" or "cancel-pending" => Given.PendingAtStage(0),
        "approve-last" => Given.PendingAtStage(1),
        "resubmit" or "cancel-returned" => Given.Loaded(Given.InStatus(RequestStatus.ReturnedForInformation)),
        "dispatch" or "close-approved" => Given.Loaded(Given.InStatus(RequestStatus.Approved)),
        "close-dispatched" => Given.Loaded(Given.InStatus(RequestStatus.Dispatched)),
        _ => throw new ArgumentOutOfRangeException(nameof(transition), transition, "No such transition."),
    };

    private static void Apply(string transition, AssistanceRequest request)
    {
        switch (transition)
        {
            case "approve-first":
                request.Approve(Given.RequestingApprover, When, "ok");
                break;
            case "approve-last":
                request.Approve(Given.AssistingApprover, When, "ok");
                break;
            case "reject":
                request.Reject(Given.RequestingApprover, When, "no");
                break;
            case "return":
                request.ReturnForInformation(Given.RequestingApprover, When, "how many?");
                break;
            case "resubmit":
                request.Resubmit(Given.DutyOfficer, When, Given.Details(Urgency.LifeSafety), "amended");
                break;
            case "cancel-pending":
            case "cancel-returned":
                request.Cancel(Given.DutyOfficer, When, "withdrawn");
                break;
            case "dispatch":
                request.MarkDispatched(Given.Coordinator, When);
                break;
            case "close-approved":
            case "close-dispatched":
                request.Close(Given.Coordinator, When, "mission over");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(transition), transition, "No such transition.");
        }
    }
}
