using CivilProtection.Api.Endpoints;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Deployments;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CivilProtection.Functions;

/// <summary>The doors to deployments: reports, extension, release and the boards; each calls <see cref="DeploymentsApi"/>.</summary>
public sealed class DeploymentFunctions(Callers callers, DeploymentDesk desk, DeploymentBoards boards, MissionClosure closure)
{
    [Function("RequestDeployments")]
    public async Task<IResult> ForRequest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/requests/{id}/deployments")] HttpRequest req, string id, CancellationToken ct) =>
        await DeploymentsApi.ForRequest(req.HttpContext, id, callers, boards, ct);

    [Function("ReportDeploymentStatus")]
    public async Task<IResult> Report(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/deployments/{authorityId}/reports")] HttpRequest req, string id, string authorityId,
        CancellationToken ct) =>
        await DeploymentsApi.Report(req.HttpContext, id, authorityId, callers, desk, boards, ct);

    [Function("AskDeploymentExtension")]
    public async Task<IResult> Extend(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/deployments/{authorityId}/extension")] HttpRequest req, string id, string authorityId,
        CancellationToken ct) =>
        await DeploymentsApi.Extend(req.HttpContext, id, authorityId, callers, desk, boards, ct);

    [Function("DecideDeploymentExtension")]
    public async Task<IResult> DecideExtension(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/deployments/{authorityId}/extension/decision")] HttpRequest req, string id,
        string authorityId, CancellationToken ct) =>
        await DeploymentsApi.DecideExtension(req.HttpContext, id, authorityId, callers, desk, boards, ct);

    [Function("ReleaseDeployment")]
    public async Task<IResult> Release(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/deployments/{authorityId}/release")] HttpRequest req, string id, string authorityId,
        CancellationToken ct) =>
        await DeploymentsApi.Release(req.HttpContext, id, authorityId, callers, desk, boards, ct);

    [Function("NoteAfterAction")]
    public async Task<IResult> NoteAfterAction(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/after-action")] HttpRequest req, string id, CancellationToken ct) =>
        await DeploymentsApi.NoteAfterAction(req.HttpContext, id, callers, closure, boards, ct);

    [Function("AuthorityDeployments")]
    public async Task<IResult> ForAuthority([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/deployments")] HttpRequest req, CancellationToken ct) =>
        await DeploymentsApi.ForAuthority(req.HttpContext, callers, boards, ct);

    [Function("PersonnelOnMission")]
    public async Task<IResult> Personnel([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/deployments/personnel")] HttpRequest req, CancellationToken ct) =>
        await DeploymentsApi.Personnel(req.HttpContext, callers, boards, ct);
}
