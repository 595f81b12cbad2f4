using CivilProtection.Api.Endpoints;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CivilProtection.Functions;

/// <summary>The doors to dead letters, for admins; each turns the trigger into a call of <see cref="DeadLettersApi"/>.</summary>
public sealed class DeadLetterFunctions(Callers callers, DeadLetterOffice office)
{
    [Function("ListDeadLetters")]
    public async Task<IResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/dead-letters")] HttpRequest req, CancellationToken ct) =>
        await DeadLettersApi.List(req.HttpContext, callers, office, ct);

    [Function("ReplayDeadLetter")]
    public async Task<IResult> Replay(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dead-letters/{queue}/{sequenceNumber}/replay")] HttpRequest req,
        string queue, string sequenceNumber, CancellationToken ct) =>
        await DeadLettersApi.Replay(req.HttpContext, queue, sequenceNumber, callers, office, ct);

    [Function("DiscardDeadLetter")]
    public async Task<IResult> Discard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dead-letters/{queue}/{sequenceNumber}/discard")] HttpRequest req,
        string queue, string sequenceNumber, CancellationToken ct) =>
        await DeadLettersApi.Discard(req.HttpContext, queue, sequenceNumber, callers, office, ct);
}
