using CivilProtection.Application.Dispatch;

namespace CivilProtection.Application.Sms;

/// <summary>
/// What a refusal of the provider means beyond the SMS itself: 21610 says the number opted out with Twilio, so it is
/// recorded as opted out (nothing else is sent to it until START); a dispatch offer that could not go out moves to the
/// next candidate at once. (A notice's page escalates at once through <see cref="SmsDeliveries"/>.)
/// </summary>
public sealed class SmsRefusals(IOptOuts optOuts, DispatchDesk dispatch, TimeProvider clock)
{
    /// <summary>Twilio: "Attempt to send to unsubscribed recipient".</summary>
    public const int Unsubscribed = 21610;

    /// <summary>A status callback saying the SMS <paramref name="sms"/> failed after it was handed over (Twilio reports 21610 that way too).</summary>
    public async Task RecordReportAsync(SmsStatusReport report, SmsRecord sms, CancellationToken cancellationToken)
    {
        if (SmsDeliveries.Normalize(report.Status).DidNotReach())
        {
            await RecordAsync(sms, report.ErrorCode, cancellationToken);
        }
    }

    public async Task RecordAsync(SmsRecord sms, int? errorCode, CancellationToken cancellationToken)
    {
        if (errorCode == Unsubscribed)
        {
            await optOuts.RecordAsync(new OptOutChange(sms.To, OptedOut: true, clock.GetUtcNow(), OptOutSources.ProviderRefusal, sms.SmsId), cancellationToken);
        }
        if (sms.Purpose == SmsPurpose.DispatchOffer)
        {
            await dispatch.OfferUnreachableAsync(sms.RequestId, sms.DispatchAuthorityId, sms.PersonId, errorCode is { } code ? $"SMS refused, error {code}" : "SMS refused", cancellationToken);
        }
    }
}
