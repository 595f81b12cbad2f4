using CivilProtection.Domain.Rosters;

namespace CivilProtection.Application.Directory;

/// <summary>An authority's 24/7 contact point: the team whose roster is paged for what reaches it from other authorities.</summary>
public static class ContactPoints
{
    /// <summary>
    /// The authority's contact team; operations for an authority stored before contact teams existed (or not found), as
    /// authorities created then were paged through their operations roster.
    /// </summary>
    public static async Task<string> ContactTeamAsync(this IDirectory directory, string authorityId, CancellationToken cancellationToken) =>
        (await directory.FindAuthorityAsync(authorityId, cancellationToken))?.ContactTeam ?? Teams.Operations;
}
