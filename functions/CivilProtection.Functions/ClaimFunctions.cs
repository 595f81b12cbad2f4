using CivilProtection.Api.Endpoints;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Costs;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CivilProtection.Functions;

/// <summary>The doors to cost claims: submit, revise, review, payment, and the totals; each calls <see cref="ClaimsApi"/>.</summary>
public sealed class ClaimFunctions(Callers callers, ClaimDesk desk)
{
    [Function("RequestClaims")]
    public async Task<IResult> ForRequest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/requests/{id}/claims")] HttpRequest req, string id, CancellationToken ct) =>
        await ClaimsApi.ForRequest(req.HttpContext, id, callers, desk, ct);

    [Function("SubmitClaim")]
    public async Task<IResult> Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/claims")] HttpRequest req, string id, CancellationToken ct) =>
        await ClaimsApi.Submit(req.HttpContext, id, callers, desk, ct);

    [Function("ReviseClaim")]
    public async Task<IResult> Revise(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/requests/{id}/claims/{authorityId}")] HttpRequest req, string id, string authorityId,
        CancellationToken ct) =>
        await ClaimsApi.Revise(req.HttpContext, id, authorityId, callers, desk, ct);

    [Function("ReviewClaim")]
    public async Task<IResult> Review(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/claims/{authorityId}/review")] HttpRequest req, string id, string authorityId,
        CancellationToken ct) =>
        await ClaimsApi.Review(req.HttpContext, id, authorityId, callers, desk, ct);

    [Function("RecordClaimPayment")]
    public async Task<IResult> RecordPayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/claims/{authorityId}/payment")] HttpRequest req, string id, string authorityId,
        CancellationToken ct) =>
        await ClaimsApi.RecordPayment(req.HttpContext, id, authorityId, callers, desk, ct);

    [Function("ClaimTotals")]
    public async Task<IResult> Totals([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/claims/totals")] HttpRequest req, CancellationToken ct) =>
        await ClaimsApi.Totals(req.HttpContext, callers, desk, ct);

    [Function("ClaimLines")]
    public async Task<IResult> Lines([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/claims/lines")] HttpRequest req, CancellationToken ct) =>
        await ClaimsApi.Lines(req.HttpContext, callers, desk, ct);
}
