using CivilProtection.Application.Identity;
using CivilProtection.Application.Problems;
using CivilProtection.Domain.Partnerships;

namespace CivilProtection.Application.Directory;

/// <summary>
/// Who may change what in the directory, checked by the server on every call: platform administrators run authorities
/// and partnerships; an authority's admins run its people and its own side's stages, never another authority's.
/// </summary>
public static class DirectoryAccess
{
    public static bool IsPlatformAdmin(Caller caller) => caller.IsIn(Roles.PlatformAdmin);

    /// <summary>Platform administrators, and the admins of that authority.</summary>
    public static bool Administers(Caller caller, string authorityId) =>
        IsPlatformAdmin(caller) || (caller.IsIn(Roles.Admin) && caller.AuthorityId == authorityId);

    public static void RequirePlatformAdmin(Caller caller)
    {
        if (!IsPlatformAdmin(caller))
        {
            throw new AccessDeniedException("Only platform administrators create, edit or retire authorities and partnerships.");
        }
    }

    public static void RequireAdministers(Caller caller, string authorityId)
    {
        if (!Administers(caller, authorityId))
        {
            throw new AccessDeniedException($"Only admins of {authorityId} (or platform administrators) manage its people and stages.");
        }
    }

    /// <summary>Platform administrators see every partnership; anyone else those their authority is party to.</summary>
    public static bool Sees(Caller caller, Partnership partnership) =>
        IsPlatformAdmin(caller) || partnership.RequestingAuthorityId == caller.AuthorityId || partnership.AssistingAuthorityId == caller.AuthorityId;

    /// <summary>Platform administrators see the whole trail; an authority's admins the entries that concern their authority.</summary>
    public static bool Sees(Caller caller, DirectoryAuditEntry entry) =>
        IsPlatformAdmin(caller) || (caller.IsIn(Roles.Admin) && entry.AuthorityIds.Contains(caller.AuthorityId, StringComparer.Ordinal));

    /// <summary>The roles <paramref name="caller"/> may give: a platform administrator any, an authority's admin its authority's roles.</summary>
    public static IReadOnlyList<string> GrantableRoles(Caller caller) => IsPlatformAdmin(caller) ? Roles.All : Roles.OfAuthority;
}
