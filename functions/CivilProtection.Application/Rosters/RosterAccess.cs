using CivilProtection.Application.Identity;
using CivilProtection.Application.Problems;

namespace CivilProtection.Application.Rosters;

/// <summary>
/// Who may do what with people and rosters, checked by the server on every call. Everything is scoped to the
/// caller's own authority: no route names another one, so no one reads or changes another country's rosters.
/// </summary>
public static class RosterAccess
{
    /// <summary>Coordinators and admins manage their authority's people and rosters (and see mobile numbers).</summary>
    public static bool CanManage(Caller caller) => caller.IsIn(Roles.Coordinator) || caller.IsIn(Roles.Admin);

    public static void RequireManager(Caller caller)
    {
        if (!CanManage(caller))
        {
            throw new AccessDeniedException("Only coordinators and admins of the authority manage its people and rosters.");
        }
    }
}
