using CivilProtection.Api.Identity;
using CivilProtection.Application.Work;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivilProtection.Api.Endpoints;

/// <summary>The signed-in person's work: what waits for them now, per role they hold.</summary>
public static class WorkApi
{
    /// <summary><c>GET /api/work</c>: each section's first items and how many wait; a section is null for a role the caller does not hold.</summary>
    public static Task<Results<Ok<WorkView>, ProblemHttpResult>> Get(HttpContext http, Callers callers, WorkDesk work, CancellationToken cancellationToken) =>
        Guard.AsCallerAsync(http, callers, async caller => TypedResults.Ok(await work.ForAsync(caller, cancellationToken)), cancellationToken);
}
