using CivilProtection.Api.Description;
using CivilProtection.Api.Http;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Dispatch;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Notices;
using CivilProtection.Application.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivilProtection.Api.Endpoints;

/// <summary>After approval: acknowledging notices on the page, dispatching responders, closing the request.</summary>
public static class DispatchApi
{
    /// <summary><c>POST /api/requests/{id}/notices/{noticeId}/acknowledgement</c>: acknowledging on the page counts as by SMS.</summary>
    [ReadsBody(typeof(CancellationForm))]
    public static Task<Results<Ok<RequestView>, ProblemHttpResult>> Acknowledge(
        HttpContext http, string id, string noticeId, Callers callers, NoticeDesk notices, RequestQueries queries, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller =>
        {
            await JsonBody.ReadAsync<CancellationForm>(http.Request, cancellationToken);
            await queries.GetAsync(caller, id, cancellationToken);
            await notices.AcknowledgeOnPageAsync(caller, id, noticeId, cancellationToken);
            return TypedResults.Ok(await queries.GetAsync(caller, id, cancellationToken));
        }, cancellationToken);

    /// <summary><c>GET /api/requests/{id}/dispatch/candidates</c>: responders with a requested capability, and whether each is free.</summary>
    public static Task<Results<Ok<IReadOnlyList<Candidate>>, ProblemHttpResult>> Candidates(
        HttpContext http, string id, Callers callers, DispatchDesk dispatch, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller => TypedResults.Ok(await dispatch.CandidatesAsync(caller, id, cancellationToken)), cancellationToken);

    /// <summary><c>POST /api/requests/{id}/dispatch</c>: ask the chosen responders by SMS.</summary>
    [ReadsBody(typeof(DispatchForm))]
    public static Task<Results<Ok<RequestView>, ProblemHttpResult>> Dispatch(
        HttpContext http, string id, Callers callers, DispatchDesk dispatch, RequestQueries queries, CancellationToken cancellationToken) =>
        Guard.ChangeThenShowAsync<DispatchForm>(http, id, callers, queries, (caller, form) => dispatch.DispatchAsync(caller, id, form, cancellationToken), cancellationToken);

    /// <summary>
    /// <c>POST /api/requests/{id}/closure</c>: the assisting side's coordinator closes a request through a route; the
    /// requester closes a request to partners (its undecided offers lapse).
    /// </summary>
    [ReadsBody(typeof(ClosureForm))]
    public static Task<Results<Ok<RequestView>, ProblemHttpResult>> Close(
        HttpContext http, string id, Callers callers, DispatchDesk dispatch, Application.Offers.ExchangeDesk exchange, RequestQueries queries,
        CancellationToken cancellationToken) =>
        Guard.ChangeThenShowAsync<ClosureForm>(http, id, callers, queries, async (caller, form) =>
        {
            if (await exchange.AsksPartnersAsync(id, cancellationToken))
            {
                await exchange.CloseAsync(caller, id, new ExchangeCommentForm { Comment = form.Comment }, toOffersOnly: false, cancellationToken);
            }
            else
            {
                await dispatch.CloseAsync(caller, id, form, cancellationToken);
            }
        }, cancellationToken);
}
