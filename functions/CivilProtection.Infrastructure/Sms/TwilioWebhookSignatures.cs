using CivilProtection.Application.Sms;
using Twilio.Security;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>
/// Checks <c>X-Twilio-Signature</c> with the SDK's <see cref="RequestValidator"/>: signed with the auth token
/// (HMAC-SHA1), or, when Twilio says so in <c>X-Twilio-Webhooks-Signature-Settings</c>, with a configured SharedKey.
/// A request that claims a SharedKey the app does not have is refused, never checked with the auth token instead.
/// </summary>
public sealed class TwilioWebhookSignatures(string authToken, string? sharedKeySecret = null) : IWebhookSignatures
{
    public bool IsValid(string url, IReadOnlyDictionary<string, string> parameters, string? signature, string? signatureSettings)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }
        var withSharedKey = !string.IsNullOrEmpty(signatureSettings);
        var secret = withSharedKey ? sharedKeySecret : authToken;
        if (string.IsNullOrEmpty(secret))
        {
            return false;
        }
        // A validator holds one HMAC instance, which is not thread-safe: one per check (they are cheap).
        var validator = new RequestValidator(secret);
        var form = parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return withSharedKey
            ? validator.Validate(url, form, signature, RequestValidator.GetSignatureAlgorithm(signatureSettings))
            : validator.Validate(url, form, signature);
    }
}
