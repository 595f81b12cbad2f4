using CivilProtection.Application.Forms;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CivilProtection.Api.Http;

/// <summary>Every refusal as RFC 7807 problem details; validation problems list every bad field.</summary>
public static class ApiProblem
{
    public static ProblemHttpResult Of(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail, Type = TypeOf(status) });

    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has invalid fields.",
            Detail = "Correct the fields listed in errors and send it again; nothing was stored.",
            Type = TypeOf(400),
        });

    public static ProblemHttpResult Unauthenticated() => Of(401, "Sign in first.", "This call needs a signed-in person.");

    /// <summary>Maps what the application refuses to its problem; false for a fault, which must surface as a 500.</summary>
    public static bool TryMap(Exception exception, out ProblemHttpResult problem)
    {
        problem = exception switch
        {
            FormRejectedException e => Invalid(e.Errors),
            AccessDeniedException e => Of(403, "Not allowed.", e.Message),
            NotFoundException e => Of(404, "Not found.", e.Message),
            ConcurrentChangeException e => Of(409, "The request changed meanwhile.", e.Message),
            TransitionRefusedException e => Of(409, "Not possible now.", e.Message),
            IdempotencyKeyReusedException e => Of(422, "Idempotency-Key reused.", e.Message),
            BodyRejectedException e => Of(e.Status, e.Title, e.Message),
            Application.Interop.XmlRefusedException e => Of(e.Status, e.Title, e.Message),
            Application.Interop.EdxlRmUnavailableException e => Of(503, "EDXL-RM import unavailable.", e.Message),
            Application.Interop.MessageAlreadyAppliedException e => Of(409, "Message already applied.", $"{e.Message} Give each message its own MessageID."),
            _ => null!,
        };
        return problem is not null;
    }

    private static string TypeOf(int status) => $"https://httpstatuses.io/{status}";
}
