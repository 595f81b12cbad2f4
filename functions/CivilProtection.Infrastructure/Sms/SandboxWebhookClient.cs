using CivilProtection.Application.Sms;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>Posts form webhooks to the app's own endpoints, signed with the sandbox's auth token as Twilio signs them.</summary>
public sealed class SandboxWebhookClient(SandboxCredentials credentials) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task<(int Status, string Body)> PostAsync(Uri url, IReadOnlyList<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignature.Header, TwilioSignature.Compute(credentials.AuthToken, url.AbsoluteUri, form));
        // Twilio announces itself this way; handy when reading the local host's logs.
        request.Headers.UserAgent.ParseAdd("TwilioProxy/1.1");
        using var response = await _http.SendAsync(request, cancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>The form of a status callback, with the fields Twilio sends for SMS.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> StatusForm(string messageSid, string status, string to, string from) =>
    [
        new("AccountSid", credentials.AccountSid),
        new("ApiVersion", "2010-04-01"),
        new("From", from),
        new("MessageSid", messageSid),
        new("MessageStatus", status),
        new("SmsSid", messageSid),
        new("SmsStatus", status),
        new("To", to),
    ];

    /// <summary>The form of a call's webhooks (its TwiML fetch, a key pressed, its status), with the fields Twilio sends.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> CallForm(string callSid, string status, string to, string from) =>
    [
        new("AccountSid", credentials.AccountSid),
        new("ApiVersion", "2010-04-01"),
        new("CallSid", callSid),
        new("CallStatus", status),
        new("Direction", "outbound-api"),
        new("From", from),
        new("To", to),
    ];

    /// <summary>The form of an inbound SMS, with the fields Twilio sends.</summary>
    /// <param name="optOutType">STOP or START when the body is an opt-out keyword, as Advanced Opt-Out marks it.</param>
    public IReadOnlyList<KeyValuePair<string, string>> InboundForm(string messageSid, string from, string to, string body, string? optOutType = null) =>
    [
        .. optOutType is null ? [] : new KeyValuePair<string, string>[] { new("OptOutType", optOutType) },
        new("AccountSid", credentials.AccountSid),
        new("ApiVersion", "2010-04-01"),
        new("Body", body),
        new("From", from),
        new("MessageSid", messageSid),
        new("NumMedia", "0"),
        new("NumSegments", SmsSegments.Count(body).Segments.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("SmsMessageSid", messageSid),
        new("SmsSid", messageSid),
        new("SmsStatus", "received"),
        new("To", to),
    ];

    public void Dispose() => _http.Dispose();
}
