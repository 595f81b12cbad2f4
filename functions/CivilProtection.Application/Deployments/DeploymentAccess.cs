using CivilProtection.Application.Identity;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Dispatch;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Deployments;

/// <summary>
/// Who sees and does what with deployments: the requester sees every deployment on its request, an assisting
/// authority only its own (like its offers); the assisting side reports (its coordinators, and the responders who
/// accepted its dispatch, team leaders first); the requester's duty officers and coordinators extend and release;
/// the assisting authority's approvers decide an extension, stage by stage.
/// </summary>
public static class DeploymentAccess
{
    public static bool CanSee(Caller caller, AssistanceRequestState request, string authorityId) =>
        caller.AuthorityId == request.RequestingAuthorityId || caller.AuthorityId == authorityId;

    /// <summary>A deployment only its two parties see is, to anybody else, one that does not exist.</summary>
    public static void RequireVisible(Caller caller, AssistanceRequestState request, string authorityId)
    {
        RequestAccess.RequireVisible(caller, request);
        if (!CanSee(caller, request, authorityId) || CommitmentNeeds.CommitmentsOf(request, authorityId).Count == 0)
        {
            throw new NotFoundException($"No deployment of {authorityId} on {request.Reference} is visible to you.");
        }
    }

    public static bool CanReport(Caller caller, string authorityId, DispatchState? dispatch) =>
        caller.AuthorityId == authorityId && (caller.IsIn(Roles.Coordinator) || IsEngaged(caller.UserId, dispatch));

    /// <summary>Whether the person accepted the authority's dispatch on the request: they are on the mission and may report for it.</summary>
    public static bool IsEngaged(string personId, DispatchState? dispatch) =>
        dispatch?.Offers.Any(o => o.PersonId == personId && o.Status == OfferStatus.Accepted) == true;

    public static bool IsRequesterSide(Caller caller, AssistanceRequestState request) =>
        caller.AuthorityId == request.RequestingAuthorityId && (caller.IsIn(Roles.DutyOfficer) || caller.IsIn(Roles.Coordinator));

    public static void RequireRequesterSide(Caller caller, AssistanceRequestState request)
    {
        if (!IsRequesterSide(caller, request))
        {
            throw new AccessDeniedException($"Only duty officers and coordinators of {request.RequestingAuthorityId} extend or release deployments.");
        }
    }

    /// <summary>Approvers of the assisting authority in the group of the extension's current stage (any approver when the stage names none).</summary>
    public static bool CanDecide(Caller caller, string authorityId, Domain.Deployments.ExtensionStage stage) =>
        caller.IsIn(Roles.Approver) && caller.AuthorityId == authorityId
        && (stage.ApproverGroup is null || caller.ApproverGroups.Contains(stage.ApproverGroup, StringComparer.Ordinal));

    /// <summary>
    /// The leader of a deployment's teams: whoever accepted the dispatch as team leader, else the first who accepted
    /// it. Null before anyone did.
    /// </summary>
    public static string? LeaderOf(DispatchState? dispatch)
    {
        var accepted = dispatch?.Offers.Where(o => o.Status == OfferStatus.Accepted).OrderBy(o => o.AnsweredAt).ToList() ?? [];
        return (accepted.FirstOrDefault(o => o.Role == TeamLeaderRole) ?? accepted.FirstOrDefault())?.PersonId;
    }

    /// <summary>The catalogue's role code for who leads a module's team.</summary>
    public const string TeamLeaderRole = "team-leader";
}
