namespace CivilProtection.Application.Sms;

/// <summary>
/// The app's public base URL as Twilio sees it, and the webhook URLs built on it. Signatures are checked against
/// these URLs, and the status callbacks given to Twilio are built from them, so both use one base.
/// </summary>
/// <remarks>
/// With Twilio the base is configured (<c>CivilProtection:Twilio:PublicBaseUrl</c>). The Development sandbox may run
/// without one: it then uses the address the local host listens on, learnt once the server has started, so tests on
/// a free port work too.
/// </remarks>
public sealed class SmsWebhookUrls
{
    /// <summary>Where the local host listens by default; the sandbox's base when nothing else is known.</summary>
    public static readonly Uri LocalDefault = new("http://localhost:7071/");

    private readonly Uri? _configured;
    private Uri? _listening;

    public SmsWebhookUrls(Uri? configured) => _configured = configured;

    public bool IsConfigured => _configured is not null;

    public Uri PublicBaseUrl => _configured ?? Volatile.Read(ref _listening) ?? LocalDefault;

    /// <summary>The inbound SMS webhook.</summary>
    public Uri Inbound => SmsCallbacks.InboundUrl(PublicBaseUrl);

    /// <summary>The status callback to give Twilio with the SMS <paramref name="smsId"/>.</summary>
    public Uri StatusCallbackFor(string smsId) => SmsCallbacks.StatusCallbackFor(PublicBaseUrl, smsId);

    /// <summary>Where Twilio fetches what the call <paramref name="callId"/> says once answered.</summary>
    public Uri CallPromptFor(string callId) => Voice.VoiceCallbacks.PromptFor(PublicBaseUrl, callId);

    /// <summary>Where Twilio posts the key pressed during the call <paramref name="callId"/>.</summary>
    public Uri CallGatherFor(string callId) => Voice.VoiceCallbacks.GatherFor(PublicBaseUrl, callId);

    /// <summary>Where Twilio reports the progress of the call <paramref name="callId"/>.</summary>
    public Uri CallStatusFor(string callId) => Voice.VoiceCallbacks.StatusFor(PublicBaseUrl, callId);

    /// <summary>The full public URL of a request that arrived with this path and query (what Twilio signed).</summary>
    public string PublicUrlOf(string pathAndQuery) => SmsCallbacks.Join(PublicBaseUrl, pathAndQuery);

    /// <summary>
    /// Learns the server's listening addresses (once it has started); ignored when a base URL is configured. Wildcard
    /// hosts (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>) become <c>localhost</c>; plain HTTP is preferred, as the
    /// sandbox calls its own webhooks without a development certificate.
    /// </summary>
    public void UseListeningAddresses(IEnumerable<string> addresses)
    {
        if (_configured is not null)
        {
            return;
        }
        var candidates = addresses.Select(Normalise).OfType<Uri>().ToList();
        var chosen = candidates.FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttp) ?? candidates.FirstOrDefault();
        if (chosen is not null)
        {
            Volatile.Write(ref _listening, chosen);
        }
    }

    private static Uri? Normalise(string address)
    {
        var text = address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return null;
        }
        var builder = new UriBuilder(uri) { Path = "/" };
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            builder.Host = "localhost";
        }
        return builder.Uri;
    }
}
