using CivilProtection.Api.Endpoints;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CivilProtection.Functions;

/// <summary>The doors to requests for assistance; each turns the trigger into a call of <see cref="RequestsApi"/>.</summary>
public sealed class RequestFunctions(Callers callers, RequestIntake intake, RequestLifecycle lifecycle, RequestQueries queries)
{
    [Function("FileRequest")]
    public async Task<IResult> File([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests")] HttpRequest req, CancellationToken ct) =>
        await RequestsApi.File(req.HttpContext, callers, intake, queries, ct);

    [Function("ListRequests")]
    public async Task<IResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/requests")] HttpRequest req, CancellationToken ct) =>
        await RequestsApi.List(req.HttpContext, callers, queries, ct);

    [Function("GetRequest")]
    public async Task<IResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/requests/{id}")] HttpRequest req, string id, CancellationToken ct) =>
        await RequestsApi.Get(req.HttpContext, id, callers, queries, ct);

    [Function("DecideRequest")]
    public async Task<IResult> Decide([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/decisions")] HttpRequest req, string id, CancellationToken ct) =>
        await RequestsApi.Decide(req.HttpContext, id, callers, lifecycle, queries, ct);

    [Function("ResubmitRequest")]
    public async Task<IResult> Resubmit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/resubmission")] HttpRequest req, string id, CancellationToken ct) =>
        await RequestsApi.Resubmit(req.HttpContext, id, callers, lifecycle, queries, ct);

    [Function("CancelRequest")]
    public async Task<IResult> Cancel([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/cancellation")] HttpRequest req, string id, CancellationToken ct) =>
        await RequestsApi.Cancel(req.HttpContext, id, callers, lifecycle, queries, ct);

    [Function("ApprovalInbox")]
    public async Task<IResult> Inbox([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/approvals")] HttpRequest req, CancellationToken ct) =>
        await RequestsApi.Inbox(req.HttpContext, callers, queries, ct);
}
