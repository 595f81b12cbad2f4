using CivilProtection.Api.Endpoints;
using CivilProtection.Api.Identity;
using CivilProtection.Api.Web;
using CivilProtection.Application.Directory;
using CivilProtection.Application.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Hosting;

namespace CivilProtection.Functions;

/// <summary>The doors to what pages need (me, authorities), the health probe, the Development sign-in and the pages themselves.</summary>
public sealed class ReferenceFunctions(Callers callers, IDirectory directory, DeadLetterWatch deadLetters, Application.Sms.SmsProviderHealth sms, IHostEnvironment environment,
    Microsoft.Extensions.Options.IOptions<Application.Situation.MapOptions> map, Application.Identity.ProfileLanguages languages)
{
    [Function("Me")]
    public async Task<IResult> Me([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me")] HttpRequest req, CancellationToken ct) =>
        await ReferenceApi.Me(req.HttpContext, callers, languages, map, ct);

    [Function("ChangeMyLanguage")]
    public async Task<IResult> ChangeMyLanguage([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/me/language")] HttpRequest req, CancellationToken ct) =>
        await ReferenceApi.ChangeMyLanguage(req.HttpContext, callers, languages, ct);

    [Function("Authorities")]
    public async Task<IResult> Authorities([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/authorities")] HttpRequest req, CancellationToken ct) =>
        await ReferenceApi.Authorities(req.HttpContext, callers, directory, ct);

    [Function("Health")]
    public IResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest req) => ReferenceApi.Health(deadLetters, sms);

    [Function("DevelopmentUsers")]
    public async Task<IResult> DevelopmentUsers([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/dev/users")] HttpRequest req, CancellationToken ct) =>
        await DevelopmentSignInApi.Users(environment, directory, ct);

    [Function("DevelopmentSignIn")]
    public async Task<IResult> DevelopmentSignIn([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dev/sign-in")] HttpRequest req, CancellationToken ct) =>
        await DevelopmentSignInApi.SignIn(req.HttpContext, environment, directory, ct);

    [Function("DevelopmentSignOut")]
    public IResult DevelopmentSignOut([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dev/sign-out")] HttpRequest req) =>
        DevelopmentSignInApi.SignOut(req.HttpContext, environment);

    [Function("WebPages")]
    public IResult WebPages([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{*path}")] HttpRequest req, string? path) =>
        WebFiles.Serve(req.HttpContext, path);
}
