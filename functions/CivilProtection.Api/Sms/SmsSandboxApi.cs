using CivilProtection.Api.Description;
using CivilProtection.Api.Http;
using CivilProtection.Application.Sms;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Hosting;

namespace CivilProtection.Api.Sms;

/// <summary>
/// The SMS sandbox page's API. It exists only in Development without Twilio credentials (the sandbox is then
/// registered); everywhere else every route answers 404, as if it did not exist.
/// </summary>
public static class SmsSandboxApi
{
    /// <summary><c>GET /api/dev/sms-sandbox</c>: the threads, most recent first.</summary>
    public static async Task<Results<Ok<IReadOnlyList<SandboxThread>>, NotFound>> Threads(
        IHostEnvironment environment, [FromServices] ISmsSandbox? sandbox, CancellationToken cancellationToken) =>
        Available(environment, sandbox) is { } open ? TypedResults.Ok(await open.ListThreadsAsync(cancellationToken)) : TypedResults.NotFound();

    /// <summary><c>GET /api/dev/sms-sandbox/{phone}</c>: one number's messages, both ways, oldest first.</summary>
    public static async Task<Results<Ok<IReadOnlyList<SandboxMessage>>, NotFound>> Thread(
        string phone, IHostEnvironment environment, [FromServices] ISmsSandbox? sandbox, CancellationToken cancellationToken) =>
        Available(environment, sandbox) is { } open ? TypedResults.Ok(await open.ListMessagesAsync(phone, cancellationToken)) : TypedResults.NotFound();

    /// <summary><c>POST /api/dev/sms-sandbox/{phone}/reply</c> with <c>{"body": "OK 4821"}</c>: replies as that phone would.</summary>
    [ReadsBody(typeof(SandboxReplyForm))]
    public static async Task<Results<Ok<SandboxReply>, NotFound, ProblemHttpResult>> Reply(
        HttpContext http, string phone, IHostEnvironment environment, [FromServices] ISmsSandbox? sandbox, CancellationToken cancellationToken)
    {
        if (Available(environment, sandbox) is not { } open)
        {
            return TypedResults.NotFound();
        }
        try
        {
            var form = await JsonBody.ReadAsync<SandboxReplyForm>(http.Request, cancellationToken);
            return TypedResults.Ok(await open.ReplyAsync(phone, form.Body ?? "", cancellationToken));
        }
        catch (Exception ex) when (ApiProblem.TryMap(ex, http, out var problem))
        {
            return problem;
        }
    }

    /// <summary><c>POST /api/dev/sms-sandbox/{phone}/press</c> with <c>{"digits": "1"}</c>: presses keys on the call ringing that phone.</summary>
    [ReadsBody(typeof(SandboxPressForm))]
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Press(
        HttpContext http, string phone, IHostEnvironment environment, [FromServices] ISmsSandbox? sandbox, CancellationToken cancellationToken)
    {
        if (Available(environment, sandbox) is not { } open)
        {
            return TypedResults.NotFound();
        }
        try
        {
            var form = await JsonBody.ReadAsync<SandboxPressForm>(http.Request, cancellationToken);
            await open.PressAsync(phone, form.Digits ?? "", cancellationToken);
            return TypedResults.NoContent();
        }
        catch (Exception ex) when (ApiProblem.TryMap(ex, http, out var problem))
        {
            return problem;
        }
    }

    private static ISmsSandbox? Available(IHostEnvironment environment, ISmsSandbox? sandbox) => environment.IsDevelopment() ? sandbox : null;

    /// <summary>The body of a key press on a sandbox call.</summary>
    public sealed class SandboxPressForm
    {
        public string? Digits { get; set; }
    }

    /// <summary>The body of a sandbox reply.</summary>
    public sealed class SandboxReplyForm
    {
        public string? Body { get; set; }
    }
}
