using CivilProtection.Api.Endpoints;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Dispatch;
using CivilProtection.Application.Notices;
using CivilProtection.Application.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CivilProtection.Functions;

/// <summary>The doors to acknowledgement on the page, dispatch and closure; each calls <see cref="DispatchApi"/>.</summary>
public sealed class DispatchFunctions(Callers callers, NoticeDesk notices, DispatchDesk dispatch, RequestQueries queries, CivilProtection.Application.Offers.ExchangeDesk exchange)
{
    [Function("AcknowledgeNotice")]
    public async Task<IResult> Acknowledge(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/notices/{noticeId}/acknowledgement")] HttpRequest req, string id, string noticeId, CancellationToken ct) =>
        await DispatchApi.Acknowledge(req.HttpContext, id, noticeId, callers, notices, queries, ct);

    [Function("DispatchCandidates")]
    public async Task<IResult> Candidates([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/requests/{id}/dispatch/candidates")] HttpRequest req, string id, CancellationToken ct) =>
        await DispatchApi.Candidates(req.HttpContext, id, callers, dispatch, ct);

    [Function("DispatchResponders")]
    public async Task<IResult> Dispatch([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/dispatch")] HttpRequest req, string id, CancellationToken ct) =>
        await DispatchApi.Dispatch(req.HttpContext, id, callers, dispatch, queries, ct);

    [Function("CloseRequest")]
    public async Task<IResult> Close([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/closure")] HttpRequest req, string id, CancellationToken ct) =>
        await DispatchApi.Close(req.HttpContext, id, callers, dispatch, exchange, queries, ct);
}
