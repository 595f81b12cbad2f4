namespace CivilProtection.Infrastructure.Sms;

/// <summary>
/// The HTTP handler under the Twilio SDK's <c>SystemNetHttpClient</c>. The SDK's calls take no cancellation token
/// and, for an error without a JSON body, do not keep the HTTP status; this handler supplies both through the
/// ambient <see cref="TwilioAttempt"/>. In tests it also sends the SDK's <c>https://api.twilio.com/…</c> calls to the
/// fake on loopback (<see cref="TwilioOptions.ApiBaseUrl"/>), keeping path and query.
/// </summary>
internal sealed class TwilioHttpHandler(Uri? apiBaseUrl) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (apiBaseUrl is not null && request.RequestUri is { } original)
        {
            request.RequestUri = new UriBuilder(original) { Scheme = apiBaseUrl.Scheme, Host = apiBaseUrl.Host, Port = apiBaseUrl.Port }.Uri;
        }
        var attempt = TwilioAttempt.Current;
        using var linked = attempt is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt.CancellationToken);
        var response = await base.SendAsync(request, linked?.Token ?? cancellationToken);
        attempt?.Answered((int)response.StatusCode);
        return response;
    }
}

/// <summary>One call to Twilio, as the code below the SDK sees it: the caller's cancellation and the HTTP status answered.</summary>
internal sealed class TwilioAttempt
{
    private static readonly AsyncLocal<TwilioAttempt?> Ambient = new();
    private int _statusCode;

    private TwilioAttempt(CancellationToken cancellationToken) => CancellationToken = cancellationToken;

    public static TwilioAttempt? Current => Ambient.Value;

    public CancellationToken CancellationToken { get; }

    /// <summary>The HTTP status Twilio answered; null when no answer came (connection failure, timeout).</summary>
    public int? StatusCode => Volatile.Read(ref _statusCode) is var code && code != 0 ? code : null;

    /// <summary>Starts an attempt for the current async flow; it flows down into the SDK's call and ends with the caller's method.</summary>
    public static TwilioAttempt Begin(CancellationToken cancellationToken)
    {
        var attempt = new TwilioAttempt(cancellationToken);
        Ambient.Value = attempt;
        return attempt;
    }

    public void Answered(int statusCode) => Volatile.Write(ref _statusCode, statusCode);
}
