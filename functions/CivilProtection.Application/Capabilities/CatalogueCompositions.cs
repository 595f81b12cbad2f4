using System.Text.RegularExpressions;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Capabilities;

/// <summary>Each authority's own team compositions, one per catalogue code, guarded by a version (the row's ETag).</summary>
public interface ICompositionStore
{
    /// <summary>The authority's compositions by code, with their versions.</summary>
    Task<IReadOnlyDictionary<string, VersionedComposition>> ListAsync(string authorityId, CancellationToken cancellationToken);

    /// <summary>Stores the composition if the stored one is still <paramref name="expectedVersion"/> (null: none stored yet); else <see cref="ConcurrentChangeException"/>.</summary>
    Task<string> SaveAsync(string authorityId, string code, TeamComposition composition, string? expectedVersion, CancellationToken cancellationToken);
}

/// <summary>A stored composition and the version that guards its next change.</summary>
public sealed record VersionedComposition(TeamComposition Composition, string Version);

/// <summary>The body of <c>PUT /api/catalogue/compositions/{code}</c>.</summary>
public sealed class CompositionForm
{
    /// <summary>The version read, or the <c>If-Match</c> header; needed to replace a stored composition.</summary>
    public string? Version { get; set; }

    public List<CompositionRoleForm>? Roles { get; set; }
}

/// <summary>One role of a composition form.</summary>
public sealed class CompositionRoleForm
{
    public string? Role { get; set; }

    public int? Count { get; set; }
}

/// <summary>What <c>PUT /api/catalogue/compositions/{code}</c> answers: the authority's composition as stored, and its version.</summary>
public sealed record CompositionView(string AuthorityId, string Code, TeamComposition Composition, string Version);

/// <summary>An authority's admins set the team composition their authority sends for a module or team of the current catalogue.</summary>
public sealed partial class CatalogueCompositions(ICompositionStore store)
{
    public const int MaxRoles = 40;
    public const int MaxHeadCount = 1000;
    public const int MaxRoleLength = 60;

    /// <summary>The caller's authority's compositions by code (empty where it set none).</summary>
    public Task<IReadOnlyDictionary<string, VersionedComposition>> OwnAsync(Caller caller, CancellationToken cancellationToken) =>
        store.ListAsync(caller.AuthorityId, cancellationToken);

    /// <summary>
    /// Replaces the caller's authority's composition for <paramref name="code"/> (admins of that authority only). Sending
    /// what is already stored changes nothing and answers its version (a retry is harmless); replacing a stored
    /// composition needs the version read, and a stale one is refused with 409. Bad input names every bad field and stores nothing.
    /// </summary>
    public async Task<CompositionView> SaveAsync(Caller caller, string code, CompositionForm form, CancellationToken cancellationToken)
    {
        if (!caller.IsIn(Roles.Admin))
        {
            throw new AccessDeniedException("Only admins of an authority set its team compositions.");
        }
        var errors = new FieldErrors();
        var entry = CatalogueVersions.Current.Find(code);
        if (entry is null)
        {
            throw new NotFoundException($"There is no type {code} in catalogue {CatalogueVersions.Current.Version}.");
        }
        if (entry.Unit is not (CatalogueUnits.Module or CatalogueUnits.Team))
        {
            errors.Add("code", FieldError.NotAllowedHere);
        }
        var roles = ValidateRoles(form.Roles, errors);
        if (errors.Any)
        {
            throw new FormRejectedException(errors);
        }
        var composition = new TeamComposition(Example: false, Note: null, roles);
        var stored = (await store.ListAsync(caller.AuthorityId, cancellationToken)).GetValueOrDefault(code);
        if (stored is not null && stored.Composition.Roles.SequenceEqual(roles))
        {
            return new CompositionView(caller.AuthorityId, code, stored.Composition, stored.Version);
        }
        if (stored is not null && form.Version != stored.Version)
        {
            throw new ConcurrentChangeException(form.Version is null
                ? $"{caller.AuthorityId} already has a composition for {code}; send the version you read (If-Match) to replace it."
                : $"The composition for {code} changed since you read it; reload it and make your change again.");
        }
        var version = await store.SaveAsync(caller.AuthorityId, code, composition, stored?.Version, cancellationToken);
        return new CompositionView(caller.AuthorityId, code, composition, version);
    }

    private static List<CompositionRole> ValidateRoles(List<CompositionRoleForm>? forms, FieldErrors errors)
    {
        var roles = new List<CompositionRole>();
        if (forms is null || forms.Count == 0)
        {
            errors.Add("roles", FieldError.TooFew(1));
            return roles;
        }
        if (forms.Count > MaxRoles)
        {
            errors.Add("roles", FieldError.TooMany(MaxRoles));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < forms.Count; i++)
        {
            var role = forms[i]?.Role?.Trim();
            if (role is null || !IsRoleCode(role))
            {
                errors.Add($"roles[{i}].role", FieldError.BadFormat("team-leader"));
            }
            else if (!seen.Add(role))
            {
                errors.Add($"roles[{i}].role", FieldError.Duplicate);
            }
            if (forms[i]?.Count is not { } count || count < 1 || count > MaxHeadCount)
            {
                errors.Add($"roles[{i}].count", FieldError.OutOfRange(1, MaxHeadCount));
            }
            roles.Add(new CompositionRole(role ?? "", forms[i]?.Count ?? 0));
        }
        return roles;
    }

    /// <summary>Whether a text is a role code: lower-case letters, digits and dashes, at most <see cref="MaxRoleLength"/> characters.</summary>
    public static bool IsRoleCode(string role) => role.Length <= MaxRoleLength && RoleCode().IsMatch(role);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex RoleCode();
}
