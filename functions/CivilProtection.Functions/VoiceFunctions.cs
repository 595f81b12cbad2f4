using CivilProtection.Api.Voice;
using CivilProtection.Application.Sms;
using CivilProtection.Application.Voice;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CivilProtection.Functions;

/// <summary>
/// The doors of Twilio's voice webhooks for notices' calls. Anonymous on purpose, as the SMS webhooks: App Service
/// authentication leaves <c>/api/voice/*</c> open, and each webhook checks Twilio's signature itself.
/// </summary>
public sealed class VoiceFunctions(SmsWebhookUrls urls, IWebhookSignatures signatures, NoticeCalls calls, ILoggerFactory logs)
{
    [Function("VoicePrompt")]
    public async Task<IResult> Prompt([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/voice/prompt")] HttpRequest req, CancellationToken ct) =>
        await VoiceWebhooksApi.Prompt(req.HttpContext, urls, signatures, calls, logs, ct);

    [Function("VoiceGather")]
    public async Task<IResult> Gather([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/voice/gather")] HttpRequest req, CancellationToken ct) =>
        await VoiceWebhooksApi.Gather(req.HttpContext, urls, signatures, calls, logs, ct);

    [Function("VoiceStatus")]
    public async Task<IResult> Status([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/voice/status")] HttpRequest req, CancellationToken ct) =>
        await VoiceWebhooksApi.Status(req.HttpContext, urls, signatures, calls, logs, ct);
}
