using CivilProtection.Api.Description;
using CivilProtection.Api.Http;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Capabilities;
using CivilProtection.Application.Problems;
using CivilProtection.Domain.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivilProtection.Api.Endpoints;

/// <summary>The capability catalogue: its versions (everyone signed in) and each authority's own team compositions (its admins).</summary>
public static class CatalogueApi
{
    /// <summary>
    /// <c>GET /api/catalogue</c>: the current catalogue version (<c>?version=</c> for an older one, 404 for an unknown one) with
    /// each type's names in fr/en/ar, unit and example composition, the caller's authority's own compositions, and the
    /// form's incident types, urgencies and languages.
    /// </summary>
    public static Task<Results<Ok<CatalogueView>, ProblemHttpResult>> Get(
        HttpContext http, Callers callers, CatalogueCompositions compositions, NationalTypes nationalTypes, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller =>
        {
            var asked = http.Request.Query["version"].FirstOrDefault();
            var catalogue = asked is null ? CatalogueVersions.Current : CatalogueVersions.Find(asked)
                ?? throw new NotFoundException($"There is no catalogue version {asked}; the versions are {string.Join(", ", CatalogueVersions.All.Select(c => c.Version))}.");
            var own = await compositions.OwnAsync(caller, cancellationToken);
            return TypedResults.Ok(CatalogueView.Of(catalogue, own, await nationalTypes.ListAsync(cancellationToken)));
        }, cancellationToken);

    /// <summary>
    /// <c>PUT /api/catalogue/compositions/{code}</c>: the caller's authority's team for a module or team (its admins). The
    /// version read (body <c>version</c> or <c>If-Match</c>) guards a replacement: 409 when stale; the same body again is a no-op.
    /// </summary>
    [ReadsBody(typeof(CompositionForm))]
    public static Task<Results<Ok<CompositionView>, ProblemHttpResult>> SaveComposition(
        HttpContext http, string code, Callers callers, CatalogueCompositions compositions, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller =>
        {
            var form = await JsonBody.ReadAsync<CompositionForm>(http.Request, cancellationToken);
            form.Version ??= IfMatch.VersionOf(http.Request);
            var saved = await compositions.SaveAsync(caller, code, form, cancellationToken);
            http.Response.Headers.ETag = saved.Version;
            return TypedResults.Ok(saved);
        }, cancellationToken);

    /// <summary>
    /// <c>PUT /api/catalogue/national-types/{slug}</c>: creates or changes the caller's authority's national type
    /// <c>{authority}.{slug}</c> (its admins). The version read (body <c>version</c> or <c>If-Match</c>) guards a change: 409 when stale.
    /// </summary>
    [ReadsBody(typeof(NationalTypeForm))]
    public static Task<Results<Ok<NationalTypeView>, ProblemHttpResult>> SaveNationalType(
        HttpContext http, string slug, Callers callers, NationalTypes nationalTypes, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller =>
        {
            var form = await JsonBody.ReadAsync<NationalTypeForm>(http.Request, cancellationToken);
            form.Version ??= IfMatch.VersionOf(http.Request);
            var saved = await nationalTypes.SaveAsync(caller, slug, form, cancellationToken);
            http.Response.Headers.ETag = saved.Version;
            return TypedResults.Ok(NationalTypeView.Of(saved));
        }, cancellationToken);
}

/// <summary>A national resource type as the pages read it, with the version that guards its next change.</summary>
public sealed record NationalTypeView(
    string Code, string AuthorityId, string Unit, CatalogueNames Names, string? Note, bool Retired, string Version)
{
    public static NationalTypeView Of(VersionedNationalType stored) =>
        new(stored.Type.Code, stored.Type.AuthorityId, stored.Type.Unit, stored.Type.Names, stored.Type.Note, stored.Type.Retired, stored.Version);
}

/// <summary>
/// The catalogue as the form needs it. <c>capabilities</c> keeps the legacy codes the pages file with until they read
/// <c>entries</c> (a filing with only legacy codes is stored with version <c>legacy-1</c>); <c>entries</c> is the version
/// asked for; <c>ownCompositions</c> the caller's authority's own teams, by code, with the version that guards each;
/// <c>nationalTypes</c> every authority's own types, retired ones included (requests keep naming them).
/// </summary>
public sealed record CatalogueView(
    IReadOnlyList<string> IncidentTypes, IReadOnlyList<string> Capabilities, IReadOnlyList<string> Urgencies, IReadOnlyList<string> Languages,
    string Version, string Source, IReadOnlyList<string> Versions, IReadOnlyList<string> Units,
    IReadOnlyDictionary<string, CatalogueNames> Roles, IReadOnlyList<CatalogueEntry> Entries,
    IReadOnlyDictionary<string, VersionedComposition> OwnCompositions, IReadOnlyList<NationalTypeView> NationalTypes)
{
    public static CatalogueView Of(
        CapabilityCatalogue catalogue, IReadOnlyDictionary<string, VersionedComposition> own, IReadOnlyList<VersionedNationalType> nationalTypes) => new(
        Catalogue.IncidentTypes,
        Catalogue.Capabilities,
        Enum.GetValues<Urgency>().Select(WireNames.Of).ToList(),
        Catalogue.Languages,
        catalogue.Version, catalogue.Source, CatalogueVersions.All.Select(c => c.Version).ToList(), CatalogueUnits.All, catalogue.Roles, catalogue.Entries, own,
        nationalTypes.Select(NationalTypeView.Of).ToList());
}
