using CivilProtection.Application.Sms;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>
/// Development's stand-in for Twilio: keeps every SMS in the sandbox table (shown on the sandbox page), answers with
/// a Twilio-like SID, and shortly after posts a signed <c>delivered</c> status callback to the SMS's callback URL,
/// so the app's flows run exactly as they do with Twilio.
/// </summary>
public sealed class SandboxSmsGateway(
    SandboxStore store,
    SandboxWebhookClient webhooks,
    IOptions<SmsSandboxOptions> options,
    TimeProvider time,
    ILogger<SandboxSmsGateway> logger) : ISmsGateway, IAsyncDisposable
{
    private readonly SandboxBackground _background = new();

    public async Task<SmsReceipt> SendAsync(OutgoingSms sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        if (!TwilioSids.E164().IsMatch(sms.To))
        {
            // What Twilio answers for such a number, so the app's handling of refusals can be tried here too.
            throw new SmsRejectedException(TwilioErrorCodes.InvalidToNumber, "The 'To' number is not a valid E.164 number.");
        }
        if (await store.IsOptedOutAsync(sms.To, cancellationToken))
        {
            // As Twilio refuses a number that replied STOP, until it replies START.
            throw new SmsRejectedException(TwilioErrorCodes.Unsubscribed, "Attempt to send to unsubscribed recipient.");
        }
        var sid = TwilioSids.NewMessageSid();
        var rowKey = await store.AddAsync(sms.To, new SandboxMessage(sid, SandboxDirections.Outbound, sms.Body, time.GetUtcNow(), "queued"), cancellationToken);
        logger.LogInformation("Sandbox SMS {MessageSid} to {To} stored.", sid, PhoneMask.Mask(sms.To));
        _background.Run(stopping => ReportDeliveredAsync(sms, sid, rowKey, stopping));
        return new SmsReceipt(sid, "queued");
    }

    private async Task ReportDeliveredAsync(OutgoingSms sms, string sid, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            // Real time, not the app's clock: this stands for the network, and a test's frozen clock must not hold it back.
            await Task.Delay(options.Value.DeliveryDelay, cancellationToken);
            await store.SetStatusAsync(sms.To, rowKey, "delivered", cancellationToken);
            var form = webhooks.StatusForm(sid, "delivered", sms.To, options.Value.Number);
            var (status, _) = await webhooks.PostAsync(sms.StatusCallback, form, cancellationToken);
            if (status is < 200 or >= 300)
            {
                logger.LogWarning("The status webhook answered {Status} to the sandbox's delivery report of {MessageSid}.", status, sid);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The app is stopping; Twilio would not call back a stopped app either.
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The sandbox could not report {MessageSid} delivered.", sid);
        }
    }

    /// <summary>Waits for the delivery reports still due; tests use it to know every callback has been posted.</summary>
    public Task WhenCallbacksPostedAsync() => _background.WhenDoneAsync();

    // Registered both as itself and as ISmsGateway: the container disposes it twice, which the background allows.
    public ValueTask DisposeAsync() => _background.DisposeAsync();
}
