using CivilProtection.Api.Description;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Offers;
using CivilProtection.Application.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivilProtection.Api.Endpoints;

/// <summary>
/// The exchange on a request to partners: offers (prepare, approve on the offering side, withdraw, question and
/// answer, the requester's line-by-line decision), declining to offer, amending and closing. Each answers with the
/// request as the caller may see it.
/// </summary>
public static class OffersApi
{
    /// <summary><c>POST /api/requests/{id}/offers</c>: a partner's coordinator prepares an offer (asked or not).</summary>
    [ReadsBody(typeof(AssistanceOfferForm))]
    public static Task<Results<Ok<RequestView>, ProblemHttpResult>> Prepare(
        HttpContext http, string id, Callers callers, ExchangeDesk desk, RequestQueries queries, CancellationToken cancellationToken) =>
        Guard.ChangeThenShowAsync<AssistanceOfferForm>(http, id, callers, queries, (caller, form) => desk.PrepareOfferAsync(caller, id, form, cancellationToken), cancellationToken);

    /// <summary>
    /// <c>GET /api/requests/{id}/offers</c>: the offers the caller may see on the request (the requester all, an offerer
    /// its own) as a CSV file, one line per offered line; 404 as for the request.
    /// </summary>
    public static Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(
        HttpContext http, string id, Callers callers, RequestQueries queries, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller =>
        {
            var request = await queries.GetAsync(caller, id, cancellationToken);
            return Http.ExportFormat.Csv(Application.Exports.OffersCsv.Write(request.Exchange?.Offers ?? []), $"offers-{request.Reference}.csv");
        }, cancellationToken);

    /// <summary><c>POST /api/requests/{id}/offers/{offerId}/approvals</c>: the offering side's approver approves or rejects its stage.</summary>
    [ReadsBody(typeof(OfferDecisionForm))]
    public static Task<Results<Ok<RequestView>, ProblemHttpResult>> DecideStage(
        HttpContext http, string id, string offerId, Callers callers, ExchangeDesk desk, RequestQueries queries, CancellationToken cancellationToken) =>
        Guard.ChangeThenShowAsync<OfferDecisionForm>(http, id, callers, queries, (caller, form) => desk.DecideOfferStageAsync(caller, id, offerId, form, cancellationToken), cancellationToken);

    /// <summary><c>POST /api/requests/{id}/offers/{offerId}/decision</c>: the requester accepts, partly accepts or declines, line by line.</summary>
    [ReadsBody(typeof(OfferDecisionForm))]
    public static Task<Results<Ok<RequestView>, ProblemHttpResult>> Decide(
        HttpContext http, string id, string offerId, Callers callers, ExchangeDesk desk, RequestQueries queries, CancellationToken cancellationToken) =>
        Guard.ChangeThenShowAsync<OfferDecisionForm>(http, id, callers, queries, (caller, form) => desk.DecideOfferAsync(caller, id, offerId, form, cancellationToken), cancellationToken);

    /// <summary><c>POST /api/requests/{id}/offers/{offerId}/withdrawal</c>: the offering side takes its offer back.</summary>
    [ReadsBody(typeof(ExchangeCommentForm))]
    public static Task<Results<Ok<RequestView>, ProblemHttpResult>> Withdraw(
        HttpContext http, string id, string offerId, Callers callers, ExchangeDesk desk, RequestQueries queries, CancellationToken cancellationToken) =>
        Guard.ChangeThenShowAsync<ExchangeCommentForm>(http, id, callers, queries, (caller, form) => desk.WithdrawOfferAsync(caller, id, offerId, form, cancellationToken), cancellationToken);

    /// <summary><c>POST /api/requests/{id}/offers/{offerId}/question</c>: the requester asks the offerer.</summary>
    [ReadsBody(typeof(ExchangeCommentForm))]
    public static Task<Results<Ok<RequestView>, ProblemHttpResult>> Ask(
        HttpContext http, string id, string offerId, Callers callers, ExchangeDesk desk, RequestQueries queries, CancellationToken cancellationToken) =>
        Guard.ChangeThenShowAsync<ExchangeCommentForm>(http, id, callers, queries, (caller, form) => desk.AskOffererAsync(caller, id, offerId, form, cancellationToken), cancellationToken);

    /// <summary><c>POST /api/requests/{id}/offers/{offerId}/answer</c>: the offerer answers, amending its lines if it wishes.</summary>
    [ReadsBody(typeof(ExchangeCommentForm))]
    public static Task<Results<Ok<RequestView>, ProblemHttpResult>> Answer(
        HttpContext http, string id, string offerId, Callers callers, ExchangeDesk desk, RequestQueries queries, CancellationToken cancellationToken) =>
        Guard.ChangeThenShowAsync<ExchangeCommentForm>(http, id, callers, queries, (caller, form) => desk.AnswerQuestionAsync(caller, id, offerId, form, cancellationToken), cancellationToken);

    /// <summary><c>POST /api/requests/{id}/declination</c>: an asked partner will not offer, and says why.</summary>
    [ReadsBody(typeof(ExchangeCommentForm))]
    public static Task<Results<Ok<RequestView>, ProblemHttpResult>> DeclineToOffer(
        HttpContext http, string id, Callers callers, ExchangeDesk desk, RequestQueries queries, CancellationToken cancellationToken) =>
        Guard.ChangeThenShowAsync<ExchangeCommentForm>(http, id, callers, queries, (caller, form) => desk.DeclineToOfferAsync(caller, id, form, cancellationToken), cancellationToken);

    /// <summary><c>POST /api/requests/{id}/amendment</c>: the requester changes an open request; the partners concerned are told.</summary>
    [ReadsBody(typeof(AmendmentForm))]
    public static Task<Results<Ok<RequestView>, ProblemHttpResult>> Amend(
        HttpContext http, string id, Callers callers, ExchangeDesk desk, RequestQueries queries, CancellationToken cancellationToken) =>
        Guard.ChangeThenShowAsync<AmendmentForm>(http, id, callers, queries, (caller, form) => desk.AmendAsync(caller, id, form, cancellationToken), cancellationToken);

    /// <summary><c>POST /api/requests/{id}/closure-to-offers</c>: no further offer; those sent may still be decided.</summary>
    [ReadsBody(typeof(ExchangeCommentForm))]
    public static Task<Results<Ok<RequestView>, ProblemHttpResult>> CloseToOffers(
        HttpContext http, string id, Callers callers, ExchangeDesk desk, RequestQueries queries, CancellationToken cancellationToken) =>
        Guard.ChangeThenShowAsync<ExchangeCommentForm>(http, id, callers, queries, (caller, form) => desk.CloseAsync(caller, id, form, toOffersOnly: true, cancellationToken), cancellationToken);
}
