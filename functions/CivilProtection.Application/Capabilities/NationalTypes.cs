using System.Text.RegularExpressions;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Capabilities;

/// <summary>
/// An authority's admins add and change their authority's national resource types; everyone signed in reads them all,
/// and the request and offer forms accept the ones not retired.
/// </summary>
public sealed partial class NationalTypes(INationalTypeStore store)
{
    public const int MaxSlugLength = 40;
    public const int MaxNameLength = 100;
    public const int MaxNote = 500;

    public Task<IReadOnlyList<VersionedNationalType>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    /// <summary>
    /// The national codes a new request or offer may name (every type not retired), read only when one of
    /// <paramref name="codes"/> has a national code's dot: a filing from the catalogue alone costs no storage call.
    /// </summary>
    public async Task<IReadOnlySet<string>> ActiveCodesAsync(IEnumerable<string?>? codes, CancellationToken cancellationToken) =>
        codes?.Any(c => c?.Contains('.', StringComparison.Ordinal) == true) == true
            ? (await store.ListAsync(cancellationToken)).Where(t => !t.Type.Retired).Select(t => t.Type.Code).ToHashSet(StringComparer.Ordinal)
            : None;

    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    /// <summary>
    /// Creates or replaces the caller's authority's type <c>{authority}.{slug}</c> (its admins only). The same body again
    /// changes nothing and answers its version; replacing needs the version read (409 when stale). Bad input names every
    /// bad field and stores nothing.
    /// </summary>
    public async Task<VersionedNationalType> SaveAsync(Caller caller, string slug, NationalTypeForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        if (!caller.IsIn(Roles.Admin))
        {
            throw new AccessDeniedException("Only admins of an authority add or change its national resource types.");
        }
        var errors = new FieldErrors();
        if (!IsSlug(slug))
        {
            errors.Add("slug", FieldError.BadFormat("drone-team"));
        }
        if (form.Unit is null || !CatalogueUnits.All.Contains(form.Unit))
        {
            errors.Add("unit", FieldError.NotOneOf(CatalogueUnits.All));
        }
        var names = new CatalogueNames(Name(form.Names?.Fr, "names.fr", errors), Name(form.Names?.En, "names.en", errors), Name(form.Names?.Ar, "names.ar", errors));
        var note = form.Note?.Trim();
        if (note?.Length > MaxNote)
        {
            errors.Add("note", FieldError.TooLong(MaxNote));
        }
        if (errors.Any)
        {
            throw new FormRejectedException(errors);
        }
        var type = new NationalType(NationalType.CodeOf(caller.AuthorityId, slug), caller.AuthorityId, form.Unit!, names, string.IsNullOrEmpty(note) ? null : note, form.Retired ?? false);
        var stored = (await store.ListAsync(cancellationToken)).FirstOrDefault(t => t.Type.Code == type.Code);
        if (stored is not null && stored.Type == type)
        {
            return stored;
        }
        if (stored is not null && form.Version != stored.Version)
        {
            throw new ConcurrentChangeException(form.Version is null
                ? $"{type.Code} already exists; send the version you read (If-Match) to change it."
                : $"{type.Code} changed since you read it; reload it and make your change again.");
        }
        return new VersionedNationalType(type, await store.SaveAsync(type, stored?.Version, cancellationToken));
    }

    private static string Name(string? value, string field, FieldErrors errors)
    {
        var name = value?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(field, FieldError.Required);
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add(field, FieldError.TooLong(MaxNameLength));
        }
        return name;
    }

    private static bool IsSlug(string slug) => slug.Length <= MaxSlugLength && Slug().IsMatch(slug);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();
}
