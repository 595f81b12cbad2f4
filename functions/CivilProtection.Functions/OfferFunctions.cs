using CivilProtection.Api.Endpoints;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Offers;
using CivilProtection.Application.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CivilProtection.Functions;

/// <summary>The doors to the exchange on a request to partners; each turns the trigger into a call of <see cref="OffersApi"/>.</summary>
public sealed class OfferFunctions(Callers callers, ExchangeDesk desk, RequestQueries queries)
{
    [Function("PrepareOffer")]
    public async Task<IResult> Prepare([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/offers")] HttpRequest req, string id, CancellationToken ct) =>
        await OffersApi.Prepare(req.HttpContext, id, callers, desk, queries, ct);

    [Function("ExportOffers")]
    public async Task<IResult> Export([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/requests/{id}/offers")] HttpRequest req, string id, CancellationToken ct) =>
        await OffersApi.Export(req.HttpContext, id, callers, queries, ct);

    [Function("DecideOfferStage")]
    public async Task<IResult> DecideStage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/offers/{offerId}/approvals")] HttpRequest req, string id, string offerId, CancellationToken ct) =>
        await OffersApi.DecideStage(req.HttpContext, id, offerId, callers, desk, queries, ct);

    [Function("DecideOffer")]
    public async Task<IResult> Decide([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/offers/{offerId}/decision")] HttpRequest req, string id, string offerId, CancellationToken ct) =>
        await OffersApi.Decide(req.HttpContext, id, offerId, callers, desk, queries, ct);

    [Function("WithdrawOffer")]
    public async Task<IResult> Withdraw([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/offers/{offerId}/withdrawal")] HttpRequest req, string id, string offerId, CancellationToken ct) =>
        await OffersApi.Withdraw(req.HttpContext, id, offerId, callers, desk, queries, ct);

    [Function("AskOfferer")]
    public async Task<IResult> Ask([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/offers/{offerId}/question")] HttpRequest req, string id, string offerId, CancellationToken ct) =>
        await OffersApi.Ask(req.HttpContext, id, offerId, callers, desk, queries, ct);

    [Function("AnswerOfferQuestion")]
    public async Task<IResult> Answer([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/offers/{offerId}/answer")] HttpRequest req, string id, string offerId, CancellationToken ct) =>
        await OffersApi.Answer(req.HttpContext, id, offerId, callers, desk, queries, ct);

    [Function("DeclineToOffer")]
    public async Task<IResult> DeclineToOffer([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/declination")] HttpRequest req, string id, CancellationToken ct) =>
        await OffersApi.DeclineToOffer(req.HttpContext, id, callers, desk, queries, ct);

    [Function("AmendRequest")]
    public async Task<IResult> Amend([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/amendment")] HttpRequest req, string id, CancellationToken ct) =>
        await OffersApi.Amend(req.HttpContext, id, callers, desk, queries, ct);

    [Function("CloseRequestToOffers")]
    public async Task<IResult> CloseToOffers([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/requests/{id}/closure-to-offers")] HttpRequest req, string id, CancellationToken ct) =>
        await OffersApi.CloseToOffers(req.HttpContext, id, callers, desk, queries, ct);
}
