using CivilProtection.Application.Sms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CivilProtection.Api.Sms;

/// <summary>The SMS routes for the local host (the Functions app has a door per route in <c>SmsFunctions</c>).</summary>
public static class SmsEndpoints
{
    /// <summary>
    /// Maps Twilio's webhooks (<c>POST /api/sms/inbound</c>, <c>POST /api/sms/status</c>, and the calls' <c>POST /api/voice/prompt|gather|status</c>) and the Development sandbox's
    /// API (<c>/api/dev/sms-sandbox…</c>, 404 unless the sandbox is in use). Needs <c>AddSms</c>'s services and an
    /// <see cref="ISmsReplies"/>. Without a configured public URL (the sandbox), the webhooks' URL is the address the
    /// server listens on, learnt when it starts.
    /// </summary>
    public static IEndpointRouteBuilder MapSmsWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost(SmsCallbacks.InboundPath, SmsWebhooksApi.Inbound);
        app.MapPost(SmsCallbacks.StatusPath, SmsWebhooksApi.Status);
        app.MapPost(Application.Voice.VoiceCallbacks.PromptPath, Voice.VoiceWebhooksApi.Prompt);
        app.MapPost(Application.Voice.VoiceCallbacks.GatherPath, Voice.VoiceWebhooksApi.Gather);
        app.MapPost(Application.Voice.VoiceCallbacks.StatusPath, Voice.VoiceWebhooksApi.Status);
        var sandbox = app.MapGroup("/api/dev/sms-sandbox");
        sandbox.MapGet("", SmsSandboxApi.Threads);
        sandbox.MapGet("/{phone}", SmsSandboxApi.Thread);
        sandbox.MapPost("/{phone}/reply", SmsSandboxApi.Reply);
        sandbox.MapPost("/{phone}/press", SmsSandboxApi.Press);

        var services = app.ServiceProvider;
        var urls = services.GetRequiredService<SmsWebhookUrls>();
        if (!urls.IsConfigured && services.GetService<IServer>() is { } server)
        {
            services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
                urls.UseListeningAddresses(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []));
        }
        return app;
    }
}
