using CivilProtection.Application.Identity;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Operations;

/// <summary>
/// Who may see, replay and discard dead letters; checked by the server on every call. Only admins, and an admin only
/// the dead letters of requests their authority is party to, by the same rule as the requests themselves.
/// </summary>
/// <remarks>
/// A dead letter that names no request that exists (a body that cannot be read, a request that is not there) belongs to
/// no authority, so every admin sees it and may settle it: the page never shows a message's body, so nothing of any
/// authority's requests is in it, and replaying it can only fail again or change nothing, since every handler works from
/// a request's snapshot. Hiding it from all would leave it where nobody looks.
/// </remarks>
public static class DeadLetterAccess
{
    public static void RequireAdmin(Caller caller)
    {
        if (!caller.IsIn(Roles.Admin))
        {
            throw new AccessDeniedException("Only admins see, replay and discard dead letters.");
        }
    }

    /// <summary>Whether the admin may see (and so settle) a dead letter concerning these requests, those of its names that exist.</summary>
    public static bool CanSee(Caller caller, IReadOnlyList<AssistanceRequestState> concerned) =>
        caller.IsIn(Roles.Admin) && concerned.All(request => RequestAccess.CanSee(caller, request));
}
