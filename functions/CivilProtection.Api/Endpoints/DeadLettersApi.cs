using CivilProtection.Api.Description;
using CivilProtection.Api.Http;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivilProtection.Api.Endpoints;

/// <summary>Dead letters, for admins: list them per queue, replay one once its cause is fixed, or discard it.</summary>
public static class DeadLettersApi
{
    /// <summary><c>GET /api/dead-letters?queue=…</c>: every queue's dead letters the admin may see (or one queue's), oldest first.</summary>
    public static Task<Results<Ok<IReadOnlyList<QueueDeadLetters>>, ProblemHttpResult>> List(
        HttpContext http, Callers callers, DeadLetterOffice office, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller =>
            TypedResults.Ok(await office.ListAsync(caller, http.Request.Query["queue"].FirstOrDefault(), cancellationToken)), cancellationToken);

    /// <summary><c>POST /api/dead-letters/{queue}/{sequenceNumber}/replay</c>: back to its queue as a fresh delivery; 404 when already settled.</summary>
    [ReadsBody(typeof(DeadLetterForm))]
    public static Task<Results<Ok<DeadLetterSettlement>, ProblemHttpResult>> Replay(
        HttpContext http, string queue, string sequenceNumber, Callers callers, DeadLetterOffice office, CancellationToken cancellationToken) =>
        SettleAsync(http, callers, (caller, form) => office.ReplayAsync(caller, queue, sequenceNumber, form, cancellationToken), cancellationToken);

    /// <summary><c>POST /api/dead-letters/{queue}/{sequenceNumber}/discard</c>: removed for good; 404 when already settled.</summary>
    [ReadsBody(typeof(DeadLetterForm))]
    public static Task<Results<Ok<DeadLetterSettlement>, ProblemHttpResult>> Discard(
        HttpContext http, string queue, string sequenceNumber, Callers callers, DeadLetterOffice office, CancellationToken cancellationToken) =>
        SettleAsync(http, callers, (caller, form) => office.DiscardAsync(caller, queue, sequenceNumber, form, cancellationToken), cancellationToken);

    // A state change like any other: a JSON body (the CSRF defence), even when it says nothing.
    private static Task<Results<Ok<DeadLetterSettlement>, ProblemHttpResult>> SettleAsync(
        HttpContext http, Callers callers, Func<Caller, DeadLetterForm, Task<DeadLetterSettlement>> settle, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller =>
        {
            var form = await JsonBody.ReadAsync<DeadLetterForm>(http.Request, cancellationToken);
            return TypedResults.Ok(await settle(caller, form));
        }, cancellationToken);
}
