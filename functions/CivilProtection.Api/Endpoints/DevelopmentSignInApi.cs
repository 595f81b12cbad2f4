using CivilProtection.Application.Forms;
using CivilProtection.Application.Problems;
using CivilProtection.Api.Description;
using CivilProtection.Api.Http;
using CivilProtection.Api.Identity;
using CivilProtection.Application.Directory;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Hosting;

namespace CivilProtection.Api.Endpoints;

/// <summary>The Development sign-in: list the seeded users, pick one. Outside Development every route answers 404.</summary>
public static class DevelopmentSignInApi
{
    /// <summary><c>GET /api/dev/users</c>.</summary>
    public static async Task<Results<Ok<IReadOnlyList<DirectoryUser>>, NotFound>> Users(IHostEnvironment environment, IDirectory directory, CancellationToken cancellationToken) =>
        environment.IsDevelopment() ? TypedResults.Ok(await directory.ListUsersAsync(cancellationToken)) : TypedResults.NotFound();

    /// <summary><c>POST /api/dev/sign-in</c> with <c>{"userId": "…"}</c>.</summary>
    [ReadsBody(typeof(SignInForm))]
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> SignIn(
        HttpContext http, IHostEnvironment environment, IDirectory directory, CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return TypedResults.NotFound();
        }
        try
        {
            var form = await JsonBody.ReadAsync<SignInForm>(http.Request, cancellationToken);
            if (form.UserId is null || await directory.FindUserAsync(form.UserId, cancellationToken) is null)
            {
                return ApiProblem.Invalid(http, FieldErrors.Of("userId", FieldError.Unknown(form.UserId ?? "")));
            }
            DevelopmentSignIn.SignIn(http.Response, form.UserId);
            return TypedResults.NoContent();
        }
        catch (Exception ex) when (ApiProblem.TryMap(ex, http, out var problem))
        {
            return problem;
        }
    }

    /// <summary><c>POST /api/dev/sign-out</c>.</summary>
    public static Results<NoContent, NotFound> SignOut(HttpContext http, IHostEnvironment environment)
    {
        if (!environment.IsDevelopment())
        {
            return TypedResults.NotFound();
        }
        DevelopmentSignIn.SignOut(http.Response);
        return TypedResults.NoContent();
    }

    /// <summary>The body of the sign-in call.</summary>
    public sealed class SignInForm
    {
        public string? UserId { get; set; }
    }
}
