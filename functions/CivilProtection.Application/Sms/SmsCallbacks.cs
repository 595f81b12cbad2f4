namespace CivilProtection.Application.Sms;

/// <summary>
/// The URLs Twilio calls: where inbound SMS arrive, and the status callback of each SMS we send, which carries our
/// own SMS id in its query string (<c>/api/sms/status?sms=…</c>) so a delivery report finds its message.
/// </summary>
public static class SmsCallbacks
{
    public const string InboundPath = "/api/sms/inbound";
    public const string StatusPath = "/api/sms/status";

    /// <summary>The query-string parameter of the status callback that carries our SMS id.</summary>
    public const string SmsIdParameter = "sms";

    /// <summary>The status callback URL to give Twilio with the SMS <paramref name="smsId"/>.</summary>
    public static Uri StatusCallbackFor(Uri publicBaseUrl, string smsId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(smsId);
        return new Uri(Join(publicBaseUrl, $"{StatusPath}?{SmsIdParameter}={Uri.EscapeDataString(smsId)}"));
    }

    /// <summary>The inbound webhook URL to configure on the Messaging Service (or the phone number).</summary>
    public static Uri InboundUrl(Uri publicBaseUrl) => new(Join(publicBaseUrl, InboundPath));

    /// <summary>
    /// The public base URL (which may carry a path, behind a gateway) followed by <paramref name="pathAndQuery"/>:
    /// the exact string Twilio signs, so the webhooks rebuild it the same way.
    /// </summary>
    public static string Join(Uri publicBaseUrl, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        if (!publicBaseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The public base URL must be absolute.", nameof(publicBaseUrl));
        }
        return publicBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + pathAndQuery;
    }
}
