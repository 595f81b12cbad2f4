using CivilProtection.Api.Http;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Outbox;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivilProtection.Api.Endpoints;

/// <summary>What every API handler does first and last: know the caller (401 if unknown), turn refusals into problems, and answer before the workflow it set off starts.</summary>
internal static class Guard
{
    public static async Task<Results<TResult, ProblemHttpResult>> AsCallerAsync<TResult>(
        HttpContext http, Callers callers, Func<Caller, Task<TResult>> action, CancellationToken cancellationToken)
        where TResult : IResult
    {
        // The workflow this call sets off starts once the caller has their answer.
        var hold = AnswerHold.Begin();
        http.Response.OnCompleted(() =>
        {
            hold.Release();
            return Task.CompletedTask;
        });
        try
        {
            var resolution = await callers.ResolveAsync(http, cancellationToken);
            if (resolution.Caller is not { } caller)
            {
                return resolution.UnassignedUserId is { } userId ? NotAssigned(http, userId) : ApiProblem.Unauthenticated(http);
            }
            return await action(caller);
        }
        catch (Exception ex) when (ApiProblem.TryMap(ex, http, out var problem))
        {
            return problem;
        }
    }

    /// <summary>The shape of every state change: read the JSON form, apply it as the caller, answer with the request as it now is.</summary>
    public static Task<Results<Ok<RequestView>, ProblemHttpResult>> ChangeThenShowAsync<TForm>(
        HttpContext http, string id, Callers callers, RequestQueries queries, Func<Caller, TForm, Task> change, CancellationToken cancellationToken)
        where TForm : class =>
        ChangeThenShowAsync(http, callers, change, caller => queries.GetAsync(caller, id, cancellationToken), cancellationToken);

    /// <summary>The same with another view of what changed (a request's deployments, its cost claims).</summary>
    public static Task<Results<Ok<TView>, ProblemHttpResult>> ChangeThenShowAsync<TForm, TView>(
        HttpContext http, Callers callers, Func<Caller, TForm, Task> change, Func<Caller, Task<TView>> show, CancellationToken cancellationToken)
        where TForm : class =>
        AsCallerAsync(http, callers, async caller =>
        {
            var form = await JsonBody.ReadAsync<TForm>(http.Request, cancellationToken);
            await change(caller, form);
            return TypedResults.Ok(await show(caller));
        }, cancellationToken);

    private static ProblemHttpResult NotAssigned(HttpContext http, string userId) =>
        ApiProblem.Of(http, 403, Refusal.Of(RefusalCode.NotAssigned, ("userId", userId)));
}
