using CivilProtection.Api.Endpoints;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Rosters;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CivilProtection.Functions;

/// <summary>The doors to people and on-call rosters; each turns the trigger into a call of <see cref="RostersApi"/>.</summary>
public sealed class RosterFunctions(Callers callers, RosterAdministration rosters)
{
    [Function("ListPeople")]
    public async Task<IResult> ListPeople([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/people")] HttpRequest req, CancellationToken ct) =>
        await RostersApi.ListPeople(req.HttpContext, callers, rosters, ct);

    [Function("ImportPeople")]
    public async Task<IResult> ImportPeople([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/people/import")] HttpRequest req, CancellationToken ct) =>
        await RostersApi.ImportPeople(req.HttpContext, callers, rosters, ct);

    [Function("SavePerson")]
    public async Task<IResult> SavePerson([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/people/{personId}")] HttpRequest req, string personId, CancellationToken ct) =>
        await RostersApi.SavePerson(req.HttpContext, personId, callers, rosters, ct);

    [Function("ListRosters")]
    public async Task<IResult> ListRosters([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rosters")] HttpRequest req, CancellationToken ct) =>
        await RostersApi.ListRosters(req.HttpContext, callers, rosters, ct);

    [Function("GetRoster")]
    public async Task<IResult> GetRoster([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rosters/{team}")] HttpRequest req, string team, CancellationToken ct) =>
        await RostersApi.GetRoster(req.HttpContext, team, callers, rosters, ct);

    [Function("ReplaceRosterShifts")]
    public async Task<IResult> ReplaceShifts([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/rosters/{team}")] HttpRequest req, string team, CancellationToken ct) =>
        await RostersApi.ReplaceShifts(req.HttpContext, team, callers, rosters, ct);

    [Function("RosterOnCall")]
    public async Task<IResult> OnCall([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rosters/{team}/on-call")] HttpRequest req, string team, CancellationToken ct) =>
        await RostersApi.OnCall(req.HttpContext, team, callers, rosters, ct);

    [Function("ImportRosterShifts")]
    public async Task<IResult> ImportShifts([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rosters/{team}/import")] HttpRequest req, string team, CancellationToken ct) =>
        await RostersApi.ImportShifts(req.HttpContext, team, callers, rosters, ct);
}
