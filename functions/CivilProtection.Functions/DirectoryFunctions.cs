using CivilProtection.Api.Endpoints;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Directory;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CivilProtection.Functions;

/// <summary>The doors to the directory's administration; each turns the trigger into a call of <see cref="DirectoryApi"/>.</summary>
public sealed class DirectoryFunctions(Callers callers, DirectoryAdministration directory)
{
    [Function("ListDirectoryAuthorities")]
    public async Task<IResult> ListAuthorities([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/directory/authorities")] HttpRequest req, CancellationToken ct) =>
        await DirectoryApi.ListAuthorities(req.HttpContext, callers, directory, ct);

    [Function("GetDirectoryAuthority")]
    public async Task<IResult> GetAuthority([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/directory/authorities/{id}")] HttpRequest req, string id, CancellationToken ct) =>
        await DirectoryApi.GetAuthority(req.HttpContext, id, callers, directory, ct);

    [Function("SaveDirectoryAuthority")]
    public async Task<IResult> SaveAuthority([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/directory/authorities/{id}")] HttpRequest req, string id, CancellationToken ct) =>
        await DirectoryApi.SaveAuthority(req.HttpContext, id, callers, directory, ct);

    [Function("RetireDirectoryAuthority")]
    public async Task<IResult> RetireAuthority([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/directory/authorities/{id}/retire")] HttpRequest req, string id, CancellationToken ct) =>
        await DirectoryApi.RetireAuthority(req.HttpContext, id, callers, directory, ct);

    [Function("ListDirectoryPeople")]
    public async Task<IResult> ListPeople([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/directory/authorities/{id}/people")] HttpRequest req, string id, CancellationToken ct) =>
        await DirectoryApi.ListPeople(req.HttpContext, id, callers, directory, ct);

    [Function("SaveDirectoryPerson")]
    public async Task<IResult> SavePerson([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/directory/authorities/{id}/people/{userId}")] HttpRequest req, string id, string userId, CancellationToken ct) =>
        await DirectoryApi.SavePerson(req.HttpContext, id, userId, callers, directory, ct);

    [Function("ListDirectoryPartnerships")]
    public async Task<IResult> ListPartnerships([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/directory/partnerships")] HttpRequest req, CancellationToken ct) =>
        await DirectoryApi.ListPartnerships(req.HttpContext, callers, directory, ct);

    [Function("GetDirectoryPartnership")]
    public async Task<IResult> GetPartnership([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/directory/partnerships/{requestingId}/{assistingId}")] HttpRequest req, string requestingId, string assistingId, CancellationToken ct) =>
        await DirectoryApi.GetPartnership(req.HttpContext, requestingId, assistingId, callers, directory, ct);

    [Function("SaveDirectoryPartnership")]
    public async Task<IResult> SavePartnership([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/directory/partnerships/{requestingId}/{assistingId}")] HttpRequest req, string requestingId, string assistingId, CancellationToken ct) =>
        await DirectoryApi.SavePartnership(req.HttpContext, requestingId, assistingId, callers, directory, ct);

    [Function("SaveDirectoryPartnershipStages")]
    public async Task<IResult> SaveStages([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/directory/partnerships/{requestingId}/{assistingId}/stages/{side}")] HttpRequest req, string requestingId, string assistingId, string side, CancellationToken ct) =>
        await DirectoryApi.SaveStages(req.HttpContext, requestingId, assistingId, side, callers, directory, ct);

    [Function("ListDirectoryAudit")]
    public async Task<IResult> ListAudit([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/directory/audit")] HttpRequest req, CancellationToken ct) =>
        await DirectoryApi.ListAudit(req.HttpContext, callers, directory, ct);
}
