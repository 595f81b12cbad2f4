using CivilProtection.Api.Endpoints;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Work;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CivilProtection.Functions;

/// <summary>The door to the signed-in person's work; it turns the trigger into a call of <see cref="WorkApi"/>.</summary>
public sealed class WorkFunctions(Callers callers, WorkDesk work)
{
    [Function("MyWork")]
    public async Task<IResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/work")] HttpRequest req, CancellationToken ct) =>
        await WorkApi.Get(req.HttpContext, callers, work, ct);
}
