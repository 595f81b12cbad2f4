using CivilProtection.Api.Identity;
using CivilProtection.Application.Situation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivilProtection.Api.Endpoints;

/// <summary>The situation picture of the caller's authority, for its dashboard.</summary>
public static class SituationApi
{
    /// <summary><c>GET /api/situation</c>: the caller's authority's requests in progress, deployments, on-call people, waiting notices and map.</summary>
    public static Task<Results<Ok<SituationView>, ProblemHttpResult>> Get(
        HttpContext http, Callers callers, SituationPicture picture, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller => TypedResults.Ok(await picture.ForAsync(caller, cancellationToken)), cancellationToken);
}
