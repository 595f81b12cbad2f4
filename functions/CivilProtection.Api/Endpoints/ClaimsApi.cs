using CivilProtection.Api.Description;
using CivilProtection.Api.Http;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Costs;
using CivilProtection.Application.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivilProtection.Api.Endpoints;

/// <summary>
/// Cost claims after the teams are home: the assisting side submits and revises, the requester reviews each line and
/// records the payment. Each change answers with the request's claims as the caller may see them.
/// </summary>
public static class ClaimsApi
{
    /// <summary><c>GET /api/requests/{id}/claims</c>: the request's claims the caller's authority is party to, with totals per currency.</summary>
    public static Task<Results<Ok<RequestClaimsView>, ProblemHttpResult>> ForRequest(
        HttpContext http, string id, Callers callers, ClaimDesk desk, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller => TypedResults.Ok(await desk.ForRequestAsync(caller, id, cancellationToken)), cancellationToken);

    /// <summary><c>POST /api/requests/{id}/claims</c>: the caller's authority claims its costs, once its teams are home.</summary>
    [ReadsBody(typeof(ClaimForm))]
    public static Task<Results<Ok<RequestClaimsView>, ProblemHttpResult>> Submit(
        HttpContext http, string id, Callers callers, ClaimDesk desk, CancellationToken cancellationToken) =>
        ChangeAsync<ClaimForm>(http, id, callers, desk, (caller, form) => desk.SubmitAsync(caller, id, form, cancellationToken), cancellationToken);

    /// <summary><c>PUT /api/requests/{id}/claims/{authorityId}</c>: the assisting side revises its disputed lines.</summary>
    [ReadsBody(typeof(ClaimForm))]
    public static Task<Results<Ok<RequestClaimsView>, ProblemHttpResult>> Revise(
        HttpContext http, string id, string authorityId, Callers callers, ClaimDesk desk, CancellationToken cancellationToken) =>
        ChangeAsync<ClaimForm>(http, id, callers, desk, (caller, form) => desk.ReviseAsync(caller, id, authorityId, form, cancellationToken), cancellationToken);

    /// <summary><c>POST /api/requests/{id}/claims/{authorityId}/review</c>: the requester's approver decides lines.</summary>
    [ReadsBody(typeof(ClaimReviewForm))]
    public static Task<Results<Ok<RequestClaimsView>, ProblemHttpResult>> Review(
        HttpContext http, string id, string authorityId, Callers callers, ClaimDesk desk, CancellationToken cancellationToken) =>
        ChangeAsync<ClaimReviewForm>(http, id, callers, desk, (caller, form) => desk.ReviewAsync(caller, id, authorityId, form, cancellationToken), cancellationToken);

    /// <summary><c>POST /api/requests/{id}/claims/{authorityId}/payment</c>: the requester records the payment of an approved claim.</summary>
    [ReadsBody(typeof(ClaimPaymentForm))]
    public static Task<Results<Ok<RequestClaimsView>, ProblemHttpResult>> RecordPayment(
        HttpContext http, string id, string authorityId, Callers callers, ClaimDesk desk, CancellationToken cancellationToken) =>
        ChangeAsync<ClaimPaymentForm>(http, id, callers, desk, (caller, form) => desk.RecordPaymentAsync(caller, id, authorityId, form, cancellationToken), cancellationToken);

    /// <summary><c>GET /api/claims/totals</c>: the caller's authority's claims across requests, per other party and currency.</summary>
    public static Task<Results<Ok<AuthorityClaimTotals>, ProblemHttpResult>> Totals(
        HttpContext http, Callers callers, ClaimDesk desk, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller => TypedResults.Ok(await desk.TotalsAsync(caller, cancellationToken)), cancellationToken);

    /// <summary><c>GET /api/claims/lines</c>: every line of every claim the caller's authority is party to, as a CSV file.</summary>
    public static Task<Results<FileContentHttpResult, ProblemHttpResult>> Lines(
        HttpContext http, Callers callers, ClaimDesk desk, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller =>
            ExportFormat.Csv(Application.Exports.ClaimLinesCsv.Write(await desk.OfPartyAsync(caller, cancellationToken)), $"cost-claims-{caller.AuthorityId}.csv"), cancellationToken);

    private static Task<Results<Ok<RequestClaimsView>, ProblemHttpResult>> ChangeAsync<TForm>(
        HttpContext http, string id, Callers callers, ClaimDesk desk, Func<Caller, TForm, Task> change, CancellationToken cancellationToken)
        where TForm : class =>
        Guard.ChangeThenShowAsync(http, callers, change, caller => desk.ForRequestAsync(caller, id, cancellationToken), cancellationToken);
}
