namespace CivilProtection.Application.Sms;

/// <summary>Checks that a webhook call really comes from the SMS provider (Twilio's <c>X-Twilio-Signature</c>).</summary>
public interface IWebhookSignatures
{
    /// <summary>
    /// Whether <paramref name="signature"/> signs <paramref name="url"/> (the full public URL, query included) and the
    /// form <paramref name="parameters"/>. <paramref name="signatureSettings"/> is Twilio's
    /// <c>X-Twilio-Webhooks-Signature-Settings</c> header when present (a webhook signed with a shared key).
    /// </summary>
    bool IsValid(string url, IReadOnlyDictionary<string, string> parameters, string? signature, string? signatureSettings);
}
