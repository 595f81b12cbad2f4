using CivilProtection.Application.Identity;
using CivilProtection.Application.Situation;

namespace CivilProtection.Api.Endpoints;

/// <summary>
/// The signed-in person as the pages need them (<c>GET /api/me</c>): who they are, their authority, roles and approver
/// groups, the background the pages' maps draw (<see cref="MapOptions"/>), and the language on their profile (null when
/// they have none: see <see cref="ProfileLanguages"/>), which the pages follow unless this browser was told otherwise.
/// </summary>
public sealed record MeView(string UserId, string DisplayName, string AuthorityId, IReadOnlyList<string> Roles, IReadOnlyList<string> ApproverGroups, SituationMap Map, string? Language)
{
    public static MeView Of(Caller caller, MapOptions map, string? language)
    {
        // Deconstructed, so that a new property of Caller fails to compile here instead of going missing from the page.
        var (userId, displayName, authorityId, roles, approverGroups) = caller;
        return new(userId, displayName, authorityId, roles, approverGroups, SituationMap.Of(map), language);
    }
}
