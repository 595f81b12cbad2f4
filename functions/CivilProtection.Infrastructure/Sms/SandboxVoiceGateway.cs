using CivilProtection.Application.Sms;
using CivilProtection.Application.Voice;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>
/// The sandbox places no calls: its page is a thread of SMS, with nothing to ring. Notices in Development without
/// Twilio page by SMS only; the voice path runs against Twilio, or the fake Twilio in the tests.
/// </summary>
public sealed class SandboxVoiceGateway : IVoiceGateway
{
    public bool CanCall => false;

    public Task<SmsReceipt> CallAsync(OutgoingCall call, CancellationToken cancellationToken) =>
        throw new SmsRejectedException(TwilioErrorCodes.InvalidToNumber, "The SMS sandbox places no calls.");
}
