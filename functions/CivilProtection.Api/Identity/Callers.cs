using CivilProtection.Application.Directory;
using CivilProtection.Application.Identity;
using Microsoft.AspNetCore.Http;

namespace CivilProtection.Api.Identity;

/// <summary>
/// Resolves the caller of each call: a source says who signed in, the directory says their authority and approver
/// groups. With an identity provider (App Service authentication) the provider's app roles are authoritative and a
/// person the directory does not know is refused as "not assigned to an authority"; with the Development sign-in,
/// which carries only a user id, the directory also gives the roles and an unknown user is nobody.
/// </summary>
public sealed class Callers(IEnumerable<ICallerSource> sources, IDirectory directory)
{
    private readonly IReadOnlyList<ICallerSource> _sources = sources.ToList();

    public async Task<Caller?> FindAsync(HttpContext http, CancellationToken cancellationToken) =>
        (await ResolveAsync(http, cancellationToken)).Caller;

    /// <summary>The caller, or why there is none: nobody signed in (401), or a signed-in person without an authority (403).</summary>
    public async Task<CallerResolution> ResolveAsync(HttpContext http, CancellationToken cancellationToken)
    {
        foreach (var source in _sources)
        {
            if (source is IIdentityProviderSource provider)
            {
                if (provider.FindPerson(http) is { } person)
                {
                    var known = await directory.FindUserAsync(person.UserId, cancellationToken);
                    return known is null ? CallerResolution.NotAssigned(person.UserId) : CallerResolution.Of(Combine(known, person));
                }
            }
            else if (source.FindUserId(http) is { Length: > 0 } userId)
            {
                var user = await directory.FindUserAsync(userId, cancellationToken);
                return user is null ? CallerResolution.Nobody : CallerResolution.Of(user.AsCaller());
            }
        }
        return CallerResolution.Nobody;
    }

    /// <summary>
    /// Roles from the token (Entra app roles, assigned in Entra ID); authority and approver groups from the directory
    /// (assigned by admins). Approver groups count only for a person who holds the approver role. The platform
    /// administrator role is also the directory's to give: the first one is named by the deployment, before anyone could
    /// assign an app role, and names the next ones through the pages.
    /// </summary>
    public static Caller Combine(DirectoryUser user, SignedInPerson person)
    {
        var groups = person.Roles.Contains(Roles.Approver, StringComparer.Ordinal) ? user.ApproverGroups : [];
        var name = string.IsNullOrWhiteSpace(user.DisplayName) ? person.Name ?? user.UserId : user.DisplayName;
        var roles = user.Roles.Contains(Roles.PlatformAdmin, StringComparer.Ordinal) && !person.Roles.Contains(Roles.PlatformAdmin, StringComparer.Ordinal)
            ? [.. person.Roles, Roles.PlatformAdmin]
            : person.Roles;
        return new Caller(user.UserId, name, user.AuthorityId, roles, groups);
    }
}

/// <summary>What resolving a call's caller found: the caller, or nobody, or a signed-in person not yet assigned to an authority.</summary>
public sealed record CallerResolution(Caller? Caller, string? UnassignedUserId)
{
    public static CallerResolution Nobody { get; } = new(null, null);

    public static CallerResolution Of(Caller caller) => new(caller, null);

    public static CallerResolution NotAssigned(string userId) => new(null, userId);
}
