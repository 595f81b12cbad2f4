using CivilProtection.Application.Identity;
using CivilProtection.Application.Situation;

namespace CivilProtection.Api.Endpoints;

/// <summary>
/// The signed-in person as the pages need them (<c>GET /api/me</c>): who they are, their authority, roles and approver
/// groups, and the background the pages' maps draw (<see cref="MapOptions"/>).
/// </summary>
public sealed record MeView(string UserId, string DisplayName, string AuthorityId, IReadOnlyList<string> Roles, IReadOnlyList<string> ApproverGroups, SituationMap Map)
{
    public static MeView Of(Caller caller, MapOptions map)
    {
        // Deconstructed, so that a new property of Caller fails to compile here instead of going missing from the page.
        var (userId, displayName, authorityId, roles, approverGroups) = caller;
        return new(userId, displayName, authorityId, roles, approverGroups, SituationMap.Of(map));
    }
}
