using CivilProtection.Api.Sms;
using CivilProtection.Application.Sms;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CivilProtection.Functions;

/// <summary>
/// The doors of Twilio's webhooks and of the Development SMS sandbox. Anonymous on purpose: App Service
/// authentication leaves <c>/api/sms/*</c> open, and the webhooks check Twilio's signature themselves.
/// </summary>
public sealed class SmsFunctions(
    SmsWebhookUrls urls, IWebhookSignatures signatures, ISmsReplies replies, ILoggerFactory logs, IHostEnvironment environment, IServiceProvider services)
{
    [Function("SmsInbound")]
    public async Task<IResult> Inbound([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/sms/inbound")] HttpRequest req, CancellationToken ct) =>
        await SmsWebhooksApi.Inbound(req.HttpContext, urls, signatures, replies, logs, ct);

    [Function("SmsStatus")]
    public async Task<IResult> Status([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/sms/status")] HttpRequest req, CancellationToken ct) =>
        await SmsWebhooksApi.Status(req.HttpContext, urls, signatures, replies, logs, ct);

    [Function("SmsSandboxThreads")]
    public async Task<IResult> SandboxThreads([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/dev/sms-sandbox")] HttpRequest req, CancellationToken ct) =>
        await SmsSandboxApi.Threads(environment, Sandbox, ct);

    [Function("SmsSandboxThread")]
    public async Task<IResult> SandboxThread([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/dev/sms-sandbox/{phone}")] HttpRequest req, string phone, CancellationToken ct) =>
        await SmsSandboxApi.Thread(phone, environment, Sandbox, ct);

    [Function("SmsSandboxReply")]
    public async Task<IResult> SandboxReply([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dev/sms-sandbox/{phone}/reply")] HttpRequest req, string phone, CancellationToken ct) =>
        await SmsSandboxApi.Reply(req.HttpContext, phone, environment, Sandbox, ct);

    [Function("SmsSandboxPress")]
    public async Task<IResult> SandboxPress([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dev/sms-sandbox/{phone}/press")] HttpRequest req, string phone, CancellationToken ct) =>
        await SmsSandboxApi.Press(req.HttpContext, phone, environment, Sandbox, ct);

    // Registered only in Development without Twilio credentials.
    private ISmsSandbox? Sandbox => services.GetService<ISmsSandbox>();
}
