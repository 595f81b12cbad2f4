using CivilProtection.Api.Endpoints;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Situation;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CivilProtection.Functions;

/// <summary>The door to the situation picture; it calls <see cref="SituationApi"/>.</summary>
public sealed class SituationFunctions(Callers callers, SituationPicture picture)
{
    [Function("Situation")]
    public async Task<IResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/situation")] HttpRequest req, CancellationToken ct) =>
        await SituationApi.Get(req.HttpContext, callers, picture, ct);
}
