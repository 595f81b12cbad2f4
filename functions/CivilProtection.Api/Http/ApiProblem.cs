using CivilProtection.Application.Forms;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CivilProtection.Api.Http;

/// <summary>
/// Every refusal as RFC 7807 problem details in the caller's language (<see cref="ProblemLanguage"/>), with the stable
/// code beside the words: <c>code</c> and <c>arguments</c> for the refusal, and for bad fields <c>errors</c> worded,
/// <c>codes</c> and <c>fieldArguments</c> per field, so a client can word them itself.
/// </summary>
public static class ApiProblem
{
    /// <summary>
    /// A refusal; <paramref name="explanation"/> is the server's own English account of this case, more precise than
    /// the catalogue's, which an English reader gets as the detail and everyone else in their language's words.
    /// </summary>
    public static ProblemHttpResult Of(HttpContext http, int status, Refusal refusal, string? explanation = null)
    {
        var language = Answering(http);
        var problem = new ProblemDetails
        {
            Status = status,
            Title = ProblemMessages.Title(refusal, language),
            Detail = language == ProblemMessages.Fallback && !string.IsNullOrEmpty(explanation) ? explanation : ProblemMessages.Detail(refusal, language),
            Type = TypeOf(status),
        };
        problem.Extensions["code"] = refusal.WireCode;
        problem.Extensions["arguments"] = refusal.Arguments;
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult Invalid(HttpContext http, FieldErrors errors) => Invalid(http, errors.ToDictionary());

    public static ProblemHttpResult Invalid(HttpContext http, IReadOnlyDictionary<string, IReadOnlyList<FieldError>> errors)
    {
        var language = Answering(http);
        var refusal = Refusal.Of(RefusalCode.InvalidFields);
        var problem = new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value.Select(error => ProblemMessages.Field(error, language)).ToArray(), StringComparer.Ordinal))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = ProblemMessages.Title(refusal, language),
            Detail = ProblemMessages.Detail(refusal, language),
            Type = TypeOf(400),
        };
        problem.Extensions["code"] = refusal.WireCode;
        problem.Extensions["codes"] = errors.ToDictionary(e => e.Key, e => e.Value.Select(error => error.WireCode).ToArray(), StringComparer.Ordinal);
        problem.Extensions["fieldArguments"] = errors.ToDictionary(e => e.Key, e => e.Value.Select(error => error.Arguments).ToArray(), StringComparer.Ordinal);
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult Unauthenticated(HttpContext http) => Of(http, 401, Refusal.Of(RefusalCode.SignInRequired));

    /// <summary>Maps what the application refuses to its problem; false for a fault, which must surface as a 500.</summary>
    public static bool TryMap(Exception exception, HttpContext http, out ProblemHttpResult problem)
    {
        problem = exception switch
        {
            FormRejectedException e => Invalid(http, e.Errors),
            AccessDeniedException e => Of(http, 403, Refusal.Of(RefusalCode.NotAllowed), e.Message),
            NotFoundException e => Of(http, 404, Refusal.Of(RefusalCode.NotFound), e.Message),
            ConcurrentChangeException e => Of(http, 409, e.Refusal, e.Message),
            TransitionRefusedException e => Of(http, 409, Refusal.Of(RefusalCode.NotPossibleNow), e.Message),
            IdempotencyKeyReusedException e => Of(http, 422, Refusal.Of(RefusalCode.IdempotencyKeyReused), e.Message),
            BodyRejectedException e => Of(http, e.Status, e.Refusal),
            Application.Interop.XmlRefusedException e => Of(http, e.Status, e.Refusal, e.Message),
            Application.Interop.EdxlRmUnavailableException e => Of(http, 503, Refusal.Of(RefusalCode.EdxlRmUnavailable), e.Message),
            Application.Interop.MessageAlreadyAppliedException e => Of(http, 409, Refusal.Of(RefusalCode.MessageAlreadyApplied), $"{e.Message} Give each message its own MessageID."),
            _ => null!,
        };
        return problem is not null;
    }

    // Problems are worded for the caller, so caches keep one answer per language.
    private static string Answering(HttpContext http)
    {
        var language = ProblemLanguage.Of(http.Request);
        http.Response.Headers.ContentLanguage = language;
        http.Response.Headers.Append("Vary", "Accept-Language");
        return language;
    }

    private static string TypeOf(int status) => $"https://httpstatuses.io/{status}";
}
