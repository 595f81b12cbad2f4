using CivilProtection.Domain.Approvals;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Tests.Requests;

/// <summary>Filing: the request is submitted and its first stage opens at once.</summary>
public sealed class FilingTests
{
    [Fact]
    public void A_filed_request_is_pending_approval_at_its_first_stage()
    {
        var request = Given.Filed(Given.TwoStageRoute);

        Assert.Equal(RequestStatus.PendingApproval, request.Status);
        Assert.Equal(0, request.State.CurrentStageIndex);
        Assert.Same(request.State.Stages[0], request.CurrentStage);
    }

    [Fact]
    public void A_filed_request_keeps_what_it_was_filed_with()
    {
        var details = Given.Details(Urgency.Urgent);

        var request = AssistanceRequest.File(Given.RequestId, Given.Reference, details, Given.TwoStageRoute, Given.DutyOfficer, Given.FiledAt, Given.CorrelationId);

        var state = request.State;
        Assert.Equal(Given.RequestId, request.Id);
        Assert.Equal(Given.RequestId, state.Id);
        Assert.Equal(Given.Reference, state.Reference);
        Assert.Equal(Given.Requesting, state.RequestingAuthorityId);
        Assert.Equal(Given.Assisting, state.AssistingAuthorityId);
        Assert.Same(details, state.Details);
        Assert.Equal(Given.DutyOfficer.UserId, state.FiledBy);
        Assert.Equal(Given.FiledAt, state.FiledAt);
        Assert.Equal(Given.FiledAt, state.UpdatedAt);
        Assert.Equal(Given.CorrelationId, state.CorrelationId);
    }

    [Fact]
    public void Filing_opens_the_first_stage_now_and_leaves_the_others_waiting()
    {
        var request = Given.Filed(Given.ThreeStageRoute);

        var stages = request.State.Stages;
        Assert.Equal(3, stages.Count);
        Assert.Equal(StageStatus.Pending, stages[0].Status);
        Assert.Equal(Given.FiledAt, stages[0].OpenedAt);
        Assert.All(stages.Skip(1), stage =>
        {
            Assert.Equal(StageStatus.Waiting, stage.Status);
            Assert.Null(stage.OpenedAt);
            Assert.Null(stage.Deadline);
        });
        Assert.All(stages, stage =>
        {
            Assert.Null(stage.DecidedBy);
            Assert.Null(stage.DecidedAt);
            Assert.Null(stage.Comment);
        });
    }

    [Fact]
    public void Filing_copies_each_stage_of_the_route_in_order()
    {
        var route = Given.ThreeStageRoute;

        var stages = Given.Filed(route).State.Stages;

        Assert.Equal([0, 1, 2], stages.Select(stage => stage.Index));
        for (var i = 0; i < route.Stages.Count; i++)
        {
            Assert.Equal(route.Stages[i].Name, stages[i].Name);
            Assert.Equal(route.Stages[i].AuthorityId, stages[i].AuthorityId);
            Assert.Equal(route.Stages[i].ApproverGroup, stages[i].ApproverGroup);
            Assert.Equal(route.Stages[i].Deadlines, stages[i].Deadlines);
        }
    }

    [Theory]
    [InlineData(Urgency.LifeSafety, 60)]
    [InlineData(Urgency.Urgent, 4 * 60)]
    [InlineData(Urgency.Routine, 24 * 60)]
    public void The_first_stage_deadline_is_its_own_deadline_for_the_urgency(Urgency urgency, int minutes)
    {
        var request = Given.Filed(Given.TwoStageRoute, urgency);

        Assert.Equal(Given.FiledAt.AddMinutes(minutes), request.CurrentStage.Deadline);
    }

    [Fact]
    public void Filing_records_submitted_then_stage_opened()
    {
        var request = Given.Filed();

        Assert.Collection(
            request.NewEvents,
            submitted =>
            {
                Assert.Equal(new AuditEvent(1, Given.FiledAt, Given.DutyOfficer.UserId, Given.DutyOfficer.DisplayName, AuditActions.Submitted, null, null), submitted);
            },
            opened =>
            {
                Assert.Equal(new AuditEvent(2, Given.FiledAt, Given.DutyOfficer.UserId, Given.DutyOfficer.DisplayName, AuditActions.StageOpened, null, 0), opened);
            });
        Assert.Equal("submitted", AuditActions.Submitted);
        Assert.Equal("stage-opened", AuditActions.StageOpened);
        Assert.Equal(2, request.State.EventCount);
    }

    [Fact]
    public void A_filed_request_is_at_version_1()
    {
        Assert.Equal(1, Given.Filed().State.Version);
    }

    [Fact]
    public void Filing_sends_stage_opened_and_notice_requested_for_the_first_stage_then_request_changed_all_at_version_1()
    {
        var request = Given.Filed();

        Assert.Equal(
            [
                new RequestMessage(RequestMessageKinds.StageOpened, Given.RequestId, 1, 0),
                new RequestMessage(RequestMessageKinds.NoticeRequested, Given.RequestId, 1, 0),
                new RequestMessage(RequestMessageKinds.RequestChanged, Given.RequestId, 1, null),
            ],
            request.NewMessages);
        Assert.Equal("stage-opened", RequestMessageKinds.StageOpened);
        Assert.Equal("notice-requested", RequestMessageKinds.NoticeRequested);
        Assert.Equal("request-changed", RequestMessageKinds.RequestChanged);
    }

    [Fact]
    public void The_messages_of_a_filing_have_distinct_message_ids()
    {
        var ids = Given.Filed().NewMessages.Select(message => message.MessageId).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_message_ids_of_a_filing_are_stable_so_a_resent_message_is_recognised_as_a_duplicate()
    {
        var first = Given.Filed().NewMessages.Select(message => message.MessageId);
        var again = Given.Filed().NewMessages.Select(message => message.MessageId);

        Assert.Equal(first, again);
    }

    [Fact]
    public void A_message_id_names_the_request_the_version_the_kind_and_the_stage()
    {
        Assert.Equal("req-0001:3:stage-opened:1", new RequestMessage(RequestMessageKinds.StageOpened, "req-0001", 3, 1).MessageId);
        Assert.Equal("req-0001:3:request-changed", new RequestMessage(RequestMessageKinds.RequestChanged, "req-0001", 3, null).MessageId);
    }

    [Fact]
    public void Messages_that_differ_only_by_version_have_different_message_ids()
    {
        var first = new RequestMessage(RequestMessageKinds.StageOpened, Given.RequestId, 1, 0);
        var later = first with { Version = 2 };

        Assert.NotEqual(first.MessageId, later.MessageId);
    }

    [Fact]
    public void Filing_on_a_route_with_no_stage_is_refused()
    {
        var route = new ApprovalRoute(Given.Requesting, Given.Assisting, []);

        var refusal = Assert.Throws<TransitionRefusedException>(
            () => AssistanceRequest.File(Given.RequestId, Given.Reference, Given.Details(), route, Given.DutyOfficer, Given.FiledAt, Given.CorrelationId));

        Assert.Contains(Given.Requesting, refusal.Message, StringComparison.Ordinal);
        Assert.Contains(Given.Assisting, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_route_is_keyed_by_requesting_then_assisting_authority()
    {
        Assert.Equal("MA-DGPC>FR-DGSCGC", Given.TwoStageRoute.Key);
        Assert.Equal(ApprovalRoute.KeyOf("MA-DGPC", "FR-DGSCGC"), Given.TwoStageRoute.Key);
        Assert.NotEqual(ApprovalRoute.KeyOf("FR-DGSCGC", "MA-DGPC"), Given.TwoStageRoute.Key);
    }
}
