using System.Globalization;
using System.Text;
using CivilProtection.Application.Problems;
using CivilProtection.Api.Http;
using CivilProtection.Api.Sms;
using CivilProtection.Application.Sms;
using CivilProtection.Application.Voice;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace CivilProtection.Api.Voice;

/// <summary>
/// Twilio's three webhooks of a notice's call: what to say once answered, the key pressed, and the call's progress.
/// Each answers 403 to anything not signed by Twilio for exactly this URL, before reading a field or calling the
/// application; each names our call in its query (<c>?call=…</c>), which the signature covers.
/// </summary>
public static class VoiceWebhooksApi
{
    /// <summary><c>POST /api/voice/prompt?call={id}</c>: answers the call's TwiML.</summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Prompt(
        HttpContext http, SmsWebhookUrls urls, IWebhookSignatures signatures, NoticeCalls calls, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var (form, problem) = await ReadAsync(http, urls, signatures, logs, ["CallSid"], cancellationToken);
        if (form is null)
        {
            return problem!;
        }
        var callId = CallId(http);
        return TwiML(await calls.PromptAsync(callId, cancellationToken), urls, callId);
    }

    /// <summary><c>POST /api/voice/gather?call={id}</c>: Twilio's form (CallSid, Digits); answers TwiML.</summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Gather(
        HttpContext http, SmsWebhookUrls urls, IWebhookSignatures signatures, NoticeCalls calls, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var (form, problem) = await ReadAsync(http, urls, signatures, logs, ["CallSid"], cancellationToken);
        if (form is null)
        {
            return problem!;
        }
        var callId = CallId(http);
        return TwiML(await calls.PressedAsync(callId, form["CallSid"], form.GetValueOrDefault("Digits") ?? "", cancellationToken), urls, callId);
    }

    /// <summary><c>POST /api/voice/status?call={id}</c>: Twilio's form (CallSid, CallStatus, ErrorCode); answers 204.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Status(
        HttpContext http, SmsWebhookUrls urls, IWebhookSignatures signatures, NoticeCalls calls, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var (form, problem) = await ReadAsync(http, urls, signatures, logs, ["CallSid", "CallStatus"], cancellationToken);
        if (form is null)
        {
            return problem!;
        }
        var errorCode = int.TryParse(form.GetValueOrDefault("ErrorCode"), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : (int?)null;
        await calls.RecordStatusAsync(CallId(http), form["CallSid"], form["CallStatus"], errorCode, cancellationToken);
        return TypedResults.NoContent();
    }

    // The signed form with every field named present, or the problem to answer (403 unsigned, 400 naming each missing field).
    private static async Task<(IReadOnlyDictionary<string, string>? Form, ProblemHttpResult? Problem)> ReadAsync(
        HttpContext http, SmsWebhookUrls urls, IWebhookSignatures signatures, ILoggerFactory logs, string[] required, CancellationToken cancellationToken)
    {
        var form = await TwilioWebhookRequest.ReadVerifiedFormAsync(http.Request, urls, signatures, logs.CreateLogger(typeof(VoiceWebhooksApi).FullName!), cancellationToken);
        if (form is null)
        {
            return (null, TwilioWebhookProblems.NotFromTwilio(http));
        }
        var missing = TwilioWebhookProblems.Missing(form, required);
        if (CallId(http).Length == 0)
        {
            missing.Add(VoiceCallbacks.CallIdParameter, FieldError.Required);
        }
        return missing.Any ? (null, ApiProblem.Invalid(http, missing)) : (form, null);
    }

    private static ContentHttpResult TwiML(CallPrompt? prompt, SmsWebhookUrls urls, string callId) =>
        TypedResults.Content(VoiceTwiML.For(prompt, urls.CallGatherFor(callId)), Sms.TwiML.ContentType, Encoding.UTF8);

    private static string CallId(HttpContext http) => http.Request.Query[VoiceCallbacks.CallIdParameter].ToString();
}
