using CivilProtection.Api.Description;
using CivilProtection.Api.Http;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Directory;
using CivilProtection.Domain.Authorities;
using CivilProtection.Domain.Partnerships;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CivilProtection.Api.Endpoints;

/// <summary>
/// The directory as administrators run it: authorities and partnerships (platform administrators), each side's stages
/// and each authority's people (its admins), and the audit trail of every change. Every write takes the version read
/// (body <c>version</c> or <c>If-Match</c>) and answers the new one also as <c>ETag</c>.
/// </summary>
public static class DirectoryApi
{
    /// <summary>The routes, the same as the Functions app's <c>DirectoryFunctions</c>.</summary>
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/directory");
        api.MapGet("/authorities", ListAuthorities);
        api.MapGet("/authorities/{id}", GetAuthority);
        api.MapPut("/authorities/{id}", SaveAuthority);
        api.MapPost("/authorities/{id}/retire", RetireAuthority);
        api.MapGet("/authorities/{id}/people", ListPeople);
        api.MapPut("/authorities/{id}/people/{userId}", SavePerson);
        api.MapGet("/partnerships", ListPartnerships);
        api.MapGet("/partnerships/{requestingId}/{assistingId}", GetPartnership);
        api.MapPut("/partnerships/{requestingId}/{assistingId}", SavePartnership);
        api.MapPut("/partnerships/{requestingId}/{assistingId}/stages/{side}", SaveStages);
        api.MapGet("/audit", ListAudit);
        return app;
    }

    /// <summary><c>GET /api/directory/authorities</c>: every authority with its version, retired ones included (everyone signed in).</summary>
    public static Task<Results<Ok<IReadOnlyList<DirectoryRecord<Authority>>>, ProblemHttpResult>> ListAuthorities(
        HttpContext http, Callers callers, DirectoryAdministration directory, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller => TypedResults.Ok(await directory.ListAuthoritiesAsync(caller, cancellationToken)), cancellationToken);

    /// <summary><c>GET /api/directory/authorities/{id}</c>.</summary>
    public static Task<Results<Ok<DirectoryRecord<Authority>>, ProblemHttpResult>> GetAuthority(
        HttpContext http, string id, Callers callers, DirectoryAdministration directory, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller => Tagged(http, await directory.GetAuthorityAsync(caller, id, cancellationToken)), cancellationToken);

    /// <summary><c>PUT /api/directory/authorities/{id}</c>: creates or replaces an authority (platform administrators).</summary>
    [ReadsBody(typeof(AuthorityForm))]
    public static Task<Results<Ok<DirectoryRecord<Authority>>, ProblemHttpResult>> SaveAuthority(
        HttpContext http, string id, Callers callers, DirectoryAdministration directory, CancellationToken cancellationToken) =>
        WriteAsync<AuthorityForm, Authority>(http, callers, (caller, form) => directory.SaveAuthorityAsync(caller, id, form, cancellationToken), cancellationToken);

    /// <summary><c>POST /api/directory/authorities/{id}/retire</c>: no new filing to or from it; its requests stay (platform administrators).</summary>
    [ReadsBody(typeof(VersionForm))]
    public static Task<Results<Ok<DirectoryRecord<Authority>>, ProblemHttpResult>> RetireAuthority(
        HttpContext http, string id, Callers callers, DirectoryAdministration directory, CancellationToken cancellationToken) =>
        WriteAsync<VersionForm, Authority>(http, callers, (caller, form) => directory.RetireAsync(caller, id, form, cancellationToken), cancellationToken);

    /// <summary><c>GET /api/directory/authorities/{id}/people</c>: the authority's people and their access (its admins, platform administrators).</summary>
    public static Task<Results<Ok<IReadOnlyList<DirectoryRecord<DirectoryUser>>>, ProblemHttpResult>> ListPeople(
        HttpContext http, string id, Callers callers, DirectoryAdministration directory, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller => TypedResults.Ok(await directory.ListPeopleAsync(caller, id, cancellationToken)), cancellationToken);

    /// <summary><c>PUT /api/directory/authorities/{id}/people/{userId}</c>: a person's display name, roles and approver groups.</summary>
    [ReadsBody(typeof(DirectoryPersonForm))]
    public static Task<Results<Ok<DirectoryRecord<DirectoryUser>>, ProblemHttpResult>> SavePerson(
        HttpContext http, string id, string userId, Callers callers, DirectoryAdministration directory, CancellationToken cancellationToken) =>
        WriteAsync<DirectoryPersonForm, DirectoryUser>(http, callers, (caller, form) => directory.SavePersonAsync(caller, id, userId, form, cancellationToken), cancellationToken);

    /// <summary><c>GET /api/directory/partnerships</c>: all of them for platform administrators, those of the caller's authority for anyone else.</summary>
    public static Task<Results<Ok<IReadOnlyList<DirectoryRecord<Partnership>>>, ProblemHttpResult>> ListPartnerships(
        HttpContext http, Callers callers, DirectoryAdministration directory, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller => TypedResults.Ok(await directory.ListPartnershipsAsync(caller, cancellationToken)), cancellationToken);

    /// <summary><c>GET /api/directory/partnerships/{requestingId}/{assistingId}</c>.</summary>
    public static Task<Results<Ok<DirectoryRecord<Partnership>>, ProblemHttpResult>> GetPartnership(
        HttpContext http, string requestingId, string assistingId, Callers callers, DirectoryAdministration directory, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller => Tagged(http, await directory.GetPartnershipAsync(caller, requestingId, assistingId, cancellationToken)), cancellationToken);

    /// <summary><c>PUT /api/directory/partnerships/{requestingId}/{assistingId}</c>: the whole partnership (platform administrators).</summary>
    [ReadsBody(typeof(PartnershipForm))]
    public static Task<Results<Ok<DirectoryRecord<Partnership>>, ProblemHttpResult>> SavePartnership(
        HttpContext http, string requestingId, string assistingId, Callers callers, DirectoryAdministration directory, CancellationToken cancellationToken) =>
        WriteAsync<PartnershipForm, Partnership>(http, callers, (caller, form) => directory.SavePartnershipAsync(caller, requestingId, assistingId, form, cancellationToken), cancellationToken);

    /// <summary><c>PUT /api/directory/partnerships/{requestingId}/{assistingId}/stages/{side}</c>: one side's stages, by that side's admins.</summary>
    [ReadsBody(typeof(StagesForm))]
    public static Task<Results<Ok<DirectoryRecord<Partnership>>, ProblemHttpResult>> SaveStages(
        HttpContext http, string requestingId, string assistingId, string side, Callers callers, DirectoryAdministration directory, CancellationToken cancellationToken) =>
        WriteAsync<StagesForm, Partnership>(http, callers, (caller, form) => directory.SaveStagesAsync(caller, requestingId, assistingId, side, form, cancellationToken), cancellationToken);

    /// <summary><c>GET /api/directory/audit</c>: every change, newest first (platform administrators all, an authority's admins its own).</summary>
    public static Task<Results<Ok<IReadOnlyList<DirectoryAuditEntry>>, ProblemHttpResult>> ListAudit(
        HttpContext http, Callers callers, DirectoryAdministration directory, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller => TypedResults.Ok(await directory.ListAuditAsync(caller, cancellationToken)), cancellationToken);

    /// <summary>Every write: read the JSON form (its version from <c>If-Match</c> when the body gives none), apply it as the caller, answer the record with its ETag.</summary>
    private static Task<Results<Ok<DirectoryRecord<T>>, ProblemHttpResult>> WriteAsync<TForm, T>(
        HttpContext http, Callers callers, Func<Application.Identity.Caller, TForm, Task<DirectoryRecord<T>>> write, CancellationToken cancellationToken)
        where TForm : class, IVersionedForm =>
        Guard.AsCallerAsync(http, callers, async caller =>
        {
            var form = await JsonBody.ReadAsync<TForm>(http.Request, cancellationToken);
            form.Version ??= IfMatch.VersionOf(http.Request);
            return Tagged(http, await write(caller, form));
        }, cancellationToken);

    private static Ok<DirectoryRecord<T>> Tagged<T>(HttpContext http, DirectoryRecord<T> record)
    {
        if (record.Version is { } version)
        {
            http.Response.Headers.ETag = version;
        }
        return TypedResults.Ok(record);
    }
}
