using CivilProtection.Application.Sms;

namespace CivilProtection.Application.Voice;

/// <summary>
/// Places voice calls: Twilio Programmable Voice in Azure. When the person answers, the provider fetches what to say
/// from <see cref="OutgoingCall.Prompt"/> (TwiML) and reports the call's progress to <see cref="OutgoingCall.StatusCallback"/>.
/// </summary>
/// <remarks>
/// Failures are told apart as <see cref="ISmsGateway"/> tells them: <see cref="SmsRejectedException"/> for a call the
/// provider will never place (invalid number), <see cref="SmsUnavailableException"/> when it stayed unavailable, or
/// refused our account or caller id; anything else leaves it unknown whether the phone rang.
/// </remarks>
public interface IVoiceGateway
{
    /// <summary>Whether calls can be placed at all (a voice-capable number is configured); without, notices only send SMS.</summary>
    bool CanCall { get; }

    Task<SmsReceipt> CallAsync(OutgoingCall call, CancellationToken cancellationToken);
}

/// <summary>One call to place: E.164 number, where to fetch what to say, where to report progress, how long to ring.</summary>
public sealed record OutgoingCall(string To, Uri Prompt, Uri StatusCallback, TimeSpan RingFor);
