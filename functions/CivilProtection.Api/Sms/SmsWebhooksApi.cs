using System.Globalization;
using System.Text;
using CivilProtection.Application.Problems;
using CivilProtection.Api.Http;
using CivilProtection.Application.Sms;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace CivilProtection.Api.Sms;

/// <summary>
/// Twilio's two webhooks: inbound SMS (answered with TwiML) and delivery status callbacks. Both answer 403 to
/// anything not signed by Twilio for exactly this URL, before reading a field or calling the application.
/// </summary>
public static class SmsWebhooksApi
{
    /// <summary><c>POST /api/sms/inbound</c>: Twilio's form (From, To, Body, MessageSid); answers TwiML.</summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Inbound(
        HttpContext http, SmsWebhookUrls urls, IWebhookSignatures signatures, ISmsReplies replies, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var form = await TwilioWebhookRequest.ReadVerifiedFormAsync(http.Request, urls, signatures, Logger(logs), cancellationToken);
        if (form is null)
        {
            return TwilioWebhookProblems.NotFromTwilio(http);
        }
        var missing = TwilioWebhookProblems.Missing(form, "From", "To", "MessageSid");
        if (missing.Any)
        {
            return ApiProblem.Invalid(http, missing);
        }
        var sms = new InboundSms(form["From"], form["To"], form.GetValueOrDefault("Body") ?? "", form["MessageSid"], form.GetValueOrDefault("OptOutType"));
        var answer = await replies.HandleReplyAsync(sms, cancellationToken);
        return TypedResults.Content(TwiML.Reply(answer), TwiML.ContentType, Encoding.UTF8);
    }

    /// <summary><c>POST /api/sms/status?sms={our id}</c>: Twilio's form (MessageSid, MessageStatus, ErrorCode); answers 204.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Status(
        HttpContext http, SmsWebhookUrls urls, IWebhookSignatures signatures, ISmsReplies replies, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var form = await TwilioWebhookRequest.ReadVerifiedFormAsync(http.Request, urls, signatures, Logger(logs), cancellationToken);
        if (form is null)
        {
            return TwilioWebhookProblems.NotFromTwilio(http);
        }
        var smsId = http.Request.Query[SmsCallbacks.SmsIdParameter].ToString();
        var missing = TwilioWebhookProblems.Missing(form, "MessageSid", "MessageStatus");
        if (smsId.Length == 0)
        {
            missing.Add(SmsCallbacks.SmsIdParameter, FieldError.Required);
        }
        if (missing.Any)
        {
            return ApiProblem.Invalid(http, missing);
        }
        var errorCode = int.TryParse(form.GetValueOrDefault("ErrorCode"), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : (int?)null;
        await replies.HandleStatusAsync(new SmsStatusReport(smsId, form["MessageSid"], form["MessageStatus"], errorCode), cancellationToken);
        return TypedResults.NoContent();
    }

    private static ILogger Logger(ILoggerFactory logs) => logs.CreateLogger(typeof(SmsWebhooksApi).FullName!);
}
