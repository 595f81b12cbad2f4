using CivilProtection.Application.Forms;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Problems;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Requests;

/// <summary>Decisions, resubmissions and cancellations: load, check who may act, transition, commit with the outbox, relay.</summary>
public sealed class RequestLifecycle(RequestChanges changes, Capabilities.NationalTypes nationalTypes, TimeProvider clock)
{
    /// <summary>An approver of the current stage approves, rejects or returns the request.</summary>
    public async Task<AssistanceRequestState> DecideAsync(Caller caller, string requestId, DecisionForm form, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var comment = form.Comment?.Trim();
        if (comment?.Length > RequestDetailsValidator.MaxDescription)
        {
            errors.Add("comment", FieldError.TooLong(RequestDetailsValidator.MaxDescription));
        }
        switch (form.Decision)
        {
            case RequestActions.Approve:
                break;
            case RequestActions.Reject when string.IsNullOrEmpty(comment):
                errors.Add("comment", FieldError.ReasonRequired);
                break;
            case RequestActions.Return when string.IsNullOrEmpty(comment):
                errors.Add("comment", FieldError.ReasonRequired);
                break;
            case RequestActions.Reject or RequestActions.Return:
                break;
            default:
                errors.Add("decision", FieldError.NotOneOf(["approve", "reject", "return"]));
                break;
        }
        if (errors.Any)
        {
            throw new FormRejectedException(errors);
        }

        DateTimeOffset? stageOpenedAt = null;
        var decided = await ChangeAsync(caller, requestId, form.Version, (request, now) =>
        {
            if (!caller.IsIn(Roles.Approver))
            {
                throw new AccessDeniedException("Only approvers decide on requests.");
            }
            if (request.Status == RequestStatus.PendingApproval && !RequestAccess.CanDecide(caller, request.CurrentStage)
                && request.State.Stages.Take(request.State.CurrentStageIndex).Any(stage => RequestAccess.CanDecide(caller, stage)))
            {
                // The caller's own stage was decided a moment ago: the request moved on under them.
                throw new ConcurrentChangeException("The stage you were deciding has just been decided; reload the request.");
            }
            if (request.Status == RequestStatus.PendingApproval && !RequestAccess.CanDecide(caller, request.CurrentStage))
            {
                throw new AccessDeniedException($"Only approvers of {request.CurrentStage.AuthorityId} in the group {request.CurrentStage.ApproverGroup} decide this stage.");
            }
            stageOpenedAt = request.CurrentStage.OpenedAt;
            switch (form.Decision)
            {
                case RequestActions.Approve: request.Approve(caller.AsActor(), now, comment); break;
                case RequestActions.Reject: request.Reject(caller.AsActor(), now, comment!); break;
                default: request.ReturnForInformation(caller.AsActor(), now, comment!); break;
            }
        }, cancellationToken);
        Workflow.WorkflowTelemetry.RecordDecision(form.Decision!, stageOpenedAt, decided.UpdatedAt);
        return decided;
    }

    /// <summary>The requester amends a returned request and sends it back to the stage that returned it.</summary>
    public async Task<AssistanceRequestState> ResubmitAsync(Caller caller, string requestId, ResubmissionForm form, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var errors = new FieldErrors();
        var national = await nationalTypes.ActiveCodesAsync(form.Capabilities?.Select(c => c?.Code), cancellationToken);
        var details = RequestDetailsValidator.Validate(form, now, errors, out var catalogueVersion, national);
        var comment = form.Comment?.Trim();
        if (comment?.Length > RequestDetailsValidator.MaxDescription)
        {
            errors.Add("comment", FieldError.TooLong(RequestDetailsValidator.MaxDescription));
        }
        if (errors.Any || details is null)
        {
            throw new FormRejectedException(errors);
        }
        return await ChangeAsync(caller, requestId, expectedVersion: null, (request, at) =>
        {
            RequireRequester(caller, request);
            request.Resubmit(caller.AsActor(), at, details, comment, catalogueVersion);
        }, cancellationToken);
    }

    /// <summary>The requester withdraws the request before its final approval.</summary>
    public Task<AssistanceRequestState> CancelAsync(Caller caller, string requestId, CancellationForm form, CancellationToken cancellationToken)
    {
        var comment = form.Comment?.Trim();
        if (comment?.Length > RequestDetailsValidator.MaxDescription)
        {
            throw new FormRejectedException("comment", FieldError.TooLong(RequestDetailsValidator.MaxDescription));
        }
        return ChangeAsync(caller, requestId, expectedVersion: null, (request, now) =>
        {
            RequireRequester(caller, request);
            request.Cancel(caller.AsActor(), now, comment);
        }, cancellationToken);
    }

    private static void RequireRequester(Caller caller, AssistanceRequest request)
    {
        if (!RequestAccess.IsRequester(caller, request.State))
        {
            throw new AccessDeniedException($"Only duty officers of {request.State.RequestingAuthorityId} amend or cancel this request.");
        }
    }

    private Task<AssistanceRequestState> ChangeAsync(
        Caller caller, string requestId, int? expectedVersion, Action<AssistanceRequest, DateTimeOffset> transition, CancellationToken cancellationToken) =>
        changes.ChangeAsync(caller, requestId, expectedVersion, transition, cancellationToken);
}
