using CivilProtection.Application.Identity;
using CivilProtection.Application.Problems;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Requests;

/// <summary>Who may see and do what with a request; checked by the server on every call.</summary>
public static class RequestAccess
{
    /// <summary>People see only requests their authority is party to: filed, asked (once it went out), or offered on.</summary>
    public static bool CanSee(Caller caller, AssistanceRequestState request) => request.VisibleToAuthorityIds.Contains(caller.AuthorityId);

    /// <summary>Only approvers of the stage's authority, in the stage's approver group, decide it.</summary>
    public static bool CanDecide(Caller caller, Stage stage) =>
        caller.IsIn(Roles.Approver) && caller.AuthorityId == stage.AuthorityId && caller.ApproverGroups.Contains(stage.ApproverGroup, StringComparer.Ordinal);

    /// <summary>Only duty officers of the requesting authority file, amend or cancel.</summary>
    public static bool IsRequester(Caller caller, AssistanceRequestState request) =>
        caller.IsIn(Roles.DutyOfficer) && caller.AuthorityId == request.RequestingAuthorityId;

    /// <summary>Only coordinators of the assisting authority dispatch responders and close the request.</summary>
    public static bool IsAssistingCoordinator(Caller caller, AssistanceRequestState request) =>
        caller.IsIn(Roles.Coordinator) && caller.AuthorityId == request.AssistingAuthorityId;

    public static void RequireVisible(Caller caller, AssistanceRequestState request)
    {
        if (!CanSee(caller, request))
        {
            throw new NotFoundException($"No request {request.Id} is visible to you.");
        }
    }

    /// <summary>What the viewer may do now, so the page shows only the buttons that will work.</summary>
    public static IReadOnlyList<string> AllowedActions(Caller caller, AssistanceRequestState request)
    {
        var actions = new List<string>();
        if (request.Status == RequestStatus.PendingApproval && CanDecide(caller, request.Stages[request.CurrentStageIndex]))
        {
            actions.AddRange([RequestActions.Approve, RequestActions.Reject, RequestActions.Return]);
        }
        if (IsRequester(caller, request))
        {
            if (request.Status == RequestStatus.ReturnedForInformation)
            {
                actions.Add(RequestActions.Resubmit);
            }
            if (request.Status is RequestStatus.PendingApproval or RequestStatus.ReturnedForInformation)
            {
                actions.Add(RequestActions.Cancel);
            }
        }
        if (IsAssistingCoordinator(caller, request) && request.Status is RequestStatus.Approved or RequestStatus.Dispatched)
        {
            actions.AddRange([RequestActions.Dispatch, RequestActions.Close]);
        }
        return actions;
    }
}
