using CivilProtection.Application.Sms;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CivilProtection.Api.Sms;

/// <summary>
/// Reads a webhook call from Twilio and checks its signature, as Twilio recommends: against the public URL the app
/// is configured with (<c>PublicBaseUrl</c> + path + query, as Twilio was told it) and every form parameter.
/// </summary>
public static class TwilioWebhookRequest
{
    public const string SignatureHeader = "X-Twilio-Signature";
    public const string SignatureSettingsHeader = "X-Twilio-Webhooks-Signature-Settings";

    /// <summary>The form parameters when the call is signed by Twilio for this URL; null otherwise (answer 403).</summary>
    public static async Task<IReadOnlyDictionary<string, string>?> ReadVerifiedFormAsync(
        HttpRequest request, SmsWebhookUrls urls, IWebhookSignatures signatures, ILogger logger, CancellationToken cancellationToken)
    {
        var signature = request.Headers[SignatureHeader].ToString();
        if (string.IsNullOrEmpty(signature))
        {
            logger.LogWarning("Refused an unsigned call to {Path}.", request.Path);
            return null;
        }
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            foreach (var (name, values) in form)
            {
                parameters[name] = values.ToString();
            }
        }
        // Path and query as received (the query still escaped), behind the configured public base: what Twilio signed.
        var url = urls.PublicUrlOf(request.PathBase.Add(request.Path).ToUriComponent() + request.QueryString.ToUriComponent());
        var settings = request.Headers[SignatureSettingsHeader].ToString();
        if (!signatures.IsValid(url, parameters, signature, settings.Length == 0 ? null : settings))
        {
            logger.LogWarning("Refused a call to {Path} whose Twilio signature does not match.", request.Path);
            return null;
        }
        return parameters;
    }
}
