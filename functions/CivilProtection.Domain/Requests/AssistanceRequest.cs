using CivilProtection.Domain.Approvals;

namespace CivilProtection.Domain.Requests;

/// <summary>
/// A request for assistance from one authority to another, and the only way it changes: each method is what a
/// person does, refuses what the current state does not allow, and records the audit events and outbox
/// messages that must be committed with it.
/// </summary>
public sealed partial class AssistanceRequest
{
    private readonly List<AuditEvent> _newEvents = [];
    private readonly List<RequestMessage> _newMessages = [];

    private AssistanceRequest(AssistanceRequestState state) => State = state;

    /// <summary>The current state; replaced, never mutated, by each transition.</summary>
    public AssistanceRequestState State { get; private set; }

    /// <summary>Audit events recorded since the request was loaded or filed.</summary>
    public IReadOnlyList<AuditEvent> NewEvents => _newEvents;

    /// <summary>Messages to send once the change is committed.</summary>
    public IReadOnlyList<RequestMessage> NewMessages => _newMessages;

    public string Id => State.Id;
    public RequestStatus Status => State.Status;
    public Stage CurrentStage => State.Stages[State.CurrentStageIndex];

    /// <summary>Rebuilds a request from its stored state, with no pending events.</summary>
    public static AssistanceRequest Restore(AssistanceRequestState state) => new(state);

    /// <summary>Files a new request: it is submitted and its first stage opens at once.</summary>
    public static AssistanceRequest File(
        string id, string reference, RequestDetails details, ApprovalRoute route, Actor filedBy, DateTimeOffset now, string correlationId,
        string? catalogueVersion = null)
    {
        if (route.Stages.Count == 0)
        {
            throw new TransitionRefusedException($"The route from {route.RequestingAuthorityId} to {route.AssistingAuthorityId} has no stage.");
        }
        var stages = route.Stages
            .Select((definition, index) => new Stage(index, definition.Name, definition.AuthorityId, definition.ApproverGroup, definition.Deadlines, StageStatus.Waiting))
            .ToList();
        var request = new AssistanceRequest(new AssistanceRequestState(
            id, reference, route.RequestingAuthorityId, route.AssistingAuthorityId, details, RequestStatus.PendingApproval,
            stages, 0, filedBy.UserId, now, now, Version: 0, EventCount: 0, correlationId) { CatalogueVersion = catalogueVersion });
        request.Record(filedBy, now, AuditActions.Submitted, comment: null, stageIndex: null);
        request.OpenStage(0, filedBy, now);
        request.Changed();
        return request;
    }

    /// <summary>The current stage's approver approves: the next stage opens, or the request is approved.</summary>
    public void Approve(Actor approver, DateTimeOffset now, string? comment)
    {
        RequirePending("approved");
        var stage = CurrentStage;
        ReplaceStage(stage with { Status = StageStatus.Approved, DecidedBy = approver.UserId, DecidedAt = now, Comment = comment });
        Record(approver, now, AuditActions.StageApproved, comment, stage.Index);
        if (stage.Index + 1 < State.Stages.Count)
        {
            OpenStage(stage.Index + 1, approver, now);
        }
        else if (State.IsExchange)
        {
            SendToPartners(approver, now);
        }
        else
        {
            State = State with { Status = RequestStatus.Approved };
            Record(approver, now, AuditActions.Approved, comment: null, stage.Index);
            // The assisting authority's operations desk is paged to prepare the dispatch.
            _newMessages.Add(new RequestMessage(RequestMessageKinds.NoticeRequested, State.Id, State.Version + 1, null));
        }
        Changed();
    }

    /// <summary>The current stage's approver rejects the request; a reason is required.</summary>
    public void Reject(Actor approver, DateTimeOffset now, string reason)
    {
        RequirePending("rejected");
        RequireComment(reason, "A rejection needs a reason.");
        ReplaceStage(CurrentStage with { Status = StageStatus.Rejected, DecidedBy = approver.UserId, DecidedAt = now, Comment = reason });
        State = State with { Status = RequestStatus.Rejected };
        Record(approver, now, AuditActions.Rejected, reason, State.CurrentStageIndex);
        Changed();
    }

    /// <summary>The current stage's approver returns the request to the requester, saying what information is missing.</summary>
    public void ReturnForInformation(Actor approver, DateTimeOffset now, string question)
    {
        RequirePending("returned for information");
        RequireComment(question, "Returning a request needs a comment saying what information is missing.");
        ReplaceStage(CurrentStage with { Status = StageStatus.Returned, DecidedBy = approver.UserId, DecidedAt = now, Comment = question });
        State = State with { Status = RequestStatus.ReturnedForInformation };
        Record(approver, now, AuditActions.Returned, question, State.CurrentStageIndex);
        Changed();
    }

    /// <summary>The requester amends a returned request and resubmits it; the stage that returned it starts again.</summary>
    /// <param name="catalogueVersion">The catalogue version the amended lines were checked against; kept as it was when null.</param>
    public void Resubmit(Actor requester, DateTimeOffset now, RequestDetails amended, string? comment, string? catalogueVersion = null)
    {
        if (State.Status != RequestStatus.ReturnedForInformation)
        {
            throw new TransitionRefusedException($"Only a request returned for information can be resubmitted; this one is {WireNames.Of(State.Status)}.");
        }
        State = State with { Details = amended, Status = RequestStatus.PendingApproval, CatalogueVersion = catalogueVersion ?? State.CatalogueVersion };
        Record(requester, now, AuditActions.Resubmitted, comment, State.CurrentStageIndex);
        OpenStage(State.CurrentStageIndex, requester, now);
        Changed();
    }

    /// <summary>The requester withdraws the request before its final approval, or while it is open to partners (every party is told).</summary>
    public void Cancel(Actor requester, DateTimeOffset now, string? comment)
    {
        if (State.IsExchange && State.Status == RequestStatus.Open)
        {
            EndExchange(requester, now, comment, AuditActions.Cancelled);
            State = State with { Status = RequestStatus.Cancelled };
            Record(requester, now, AuditActions.Cancelled, comment, stageIndex: null);
            Changed();
            return;
        }
        if (State.Status is not (RequestStatus.PendingApproval or RequestStatus.ReturnedForInformation))
        {
            throw new TransitionRefusedException($"Only a request awaiting approval or information can be cancelled; this one is {WireNames.Of(State.Status)}.");
        }
        // The stage ends with the requester's withdrawal, not with the decision that may have returned it.
        ReplaceStage(CurrentStage with { Status = StageStatus.Cancelled, DecidedBy = requester.UserId, DecidedAt = now, Comment = comment });
        State = State with { Status = RequestStatus.Cancelled };
        Record(requester, now, AuditActions.Cancelled, comment, State.CurrentStageIndex);
        Changed();
    }

    /// <summary>Every requested capability is covered by responders who accepted: the request is dispatched.</summary>
    public void MarkDispatched(Actor coordinator, DateTimeOffset now)
    {
        if (State.Status != RequestStatus.Approved)
        {
            throw new TransitionRefusedException($"Only an approved request becomes dispatched; this one is {WireNames.Of(State.Status)}.");
        }
        State = State with { Status = RequestStatus.Dispatched };
        Record(coordinator, now, AuditActions.Dispatched, comment: null, stageIndex: null);
        Changed();
    }

    /// <summary>The assisting side's coordinator closes the request after the mission (or if it is no longer needed).</summary>
    public void Close(Actor coordinator, DateTimeOffset now, string? comment)
    {
        if (State.Status is not (RequestStatus.Approved or RequestStatus.Dispatched))
        {
            throw new TransitionRefusedException($"Only an approved or dispatched request can be closed; this one is {WireNames.Of(State.Status)}.");
        }
        State = State with { Status = RequestStatus.Closed };
        Record(coordinator, now, AuditActions.Closed, comment, stageIndex: null);
        Changed();
    }

    private void OpenStage(int index, Actor actor, DateTimeOffset now)
    {
        var stage = State.Stages[index];
        ReplaceStage(stage.Open(now, State.Details.Urgency));
        State = State with { CurrentStageIndex = index };
        Record(actor, now, AuditActions.StageOpened, comment: null, index);
        _newMessages.Add(new RequestMessage(RequestMessageKinds.StageOpened, State.Id, State.Version + 1, index));
        _newMessages.Add(new RequestMessage(RequestMessageKinds.NoticeRequested, State.Id, State.Version + 1, index));
    }

    private void RequirePending(string verb)
    {
        if (State.Status != RequestStatus.PendingApproval)
        {
            throw new TransitionRefusedException($"The request is {WireNames.Of(State.Status)}; it cannot be {verb} now.");
        }
    }

    private static void RequireComment(string? comment, string message)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw new TransitionRefusedException(message);
        }
    }

    private void ReplaceStage(Stage stage)
    {
        var stages = State.Stages.ToList();
        stages[stage.Index] = stage;
        State = State with { Stages = stages };
    }

    private void Record(
        Actor actor, DateTimeOffset now, string action, string? comment, int? stageIndex, string? offerId = null, string? authorityId = null,
        IReadOnlyList<string>? changes = null)
    {
        var sequence = State.EventCount + 1;
        _newEvents.Add(new AuditEvent(sequence, now, actor.UserId, actor.DisplayName, action, comment, stageIndex, offerId, authorityId) { Changes = changes });
        State = State with { EventCount = sequence, UpdatedAt = now };
    }

    // Each transition ends here: one version step, and one message so the lists catch up.
    private void Changed()
    {
        State = State with { Version = State.Version + 1 };
        _newMessages.Add(new RequestMessage(RequestMessageKinds.RequestChanged, State.Id, State.Version, null));
    }
}
