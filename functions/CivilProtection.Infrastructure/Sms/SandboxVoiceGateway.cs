using CivilProtection.Application.Sms;
using CivilProtection.Application.Voice;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>
/// Development's stand-in for Twilio's calls: a call rings the sandbox's thread of the number and is answered a
/// moment later (<see cref="SandboxCalls"/>), so what it says shows on the sandbox page, where a key can be pressed.
/// </summary>
public sealed class SandboxVoiceGateway(
    SandboxCalls calls, IOptions<SmsSandboxOptions> options, ILogger<SandboxVoiceGateway> logger) : IVoiceGateway, IAsyncDisposable
{
    private readonly SandboxBackground _background = new();

    public bool CanCall => true;

    public Task<SmsReceipt> CallAsync(OutgoingCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!TwilioSids.E164().IsMatch(call.To))
        {
            throw new SmsRejectedException(TwilioErrorCodes.InvalidToNumber, "The 'To' number is not a valid E.164 number.");
        }
        var sid = TwilioSids.New("CA");
        _background.Run(stopping => AnswerAsync(call, sid, stopping));
        logger.LogInformation("Sandbox call {CallSid} to {To} ringing.", sid, PhoneMask.Mask(call.To));
        return Task.FromResult(new SmsReceipt(sid, "queued"));
    }

    private async Task AnswerAsync(OutgoingCall call, string sid, CancellationToken cancellationToken)
    {
        try
        {
            // Real time, as for the SMS' delivery reports: it stands for the phone network.
            await Task.Delay(options.Value.DeliveryDelay, cancellationToken);
            await calls.AnswerAsync(sid, call.To, options.Value.Number, call.Prompt, call.StatusCallback, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The sandbox could not answer its call {CallSid}.", sid);
        }
    }

    public ValueTask DisposeAsync() => _background.DisposeAsync();
}
