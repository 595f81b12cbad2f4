using CivilProtection.Application.Sms;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>
/// The settings under <c>CivilProtection:Twilio</c>. The secrets come from configuration (in Azure, Key Vault
/// references in app settings), never from code, and are never logged. Without any credential the Development
/// sandbox stands in for Twilio; elsewhere the app refuses to start.
/// </summary>
public sealed class TwilioOptions
{
    public const string SectionName = "CivilProtection:Twilio";

    /// <summary><c>AC…</c>: the account the messages belong to (and the path of every REST call).</summary>
    public string? AccountSid { get; set; }

    /// <summary>The account's auth token: REST calls when no API key is set, and always the webhooks' signature key.</summary>
    public string? AuthToken { get; set; }

    /// <summary><c>SK…</c>: an API key for REST calls (with <see cref="ApiKeySecret"/>), revocable without touching the account.</summary>
    public string? ApiKeySid { get; set; }

    public string? ApiKeySecret { get; set; }

    /// <summary><c>MG…</c>: the Messaging Service to send through (sender pool, opt-out handling). Preferred over <see cref="FromNumber"/>.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>An E.164 number (or an alphanumeric sender id) to send from when no Messaging Service is set.</summary>
    public string? FromNumber { get; set; }

    /// <summary>
    /// An E.164 voice-capable number of the account that notices' voice calls come from. Unset: calls come from
    /// <see cref="FromNumber"/> when that is an E.164 number; with neither, notices only send SMS.
    /// </summary>
    public string? VoiceFromNumber { get; set; }

    /// <summary>The number calls come from, or null when none can be placed.</summary>
    public string? CallerNumber =>
        !string.IsNullOrEmpty(VoiceFromNumber) ? VoiceFromNumber
        : FromNumber is { Length: > 0 } from && TwilioSids.E164().IsMatch(from) ? from
        : null;

    /// <summary>The app's base URL as Twilio reaches it: status callbacks are built on it and signatures checked against it.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>The most segments an SMS may take before its summary is shortened.</summary>
    public int MaxSegments { get; set; } = SmsTextOptions.DefaultMaxSegments;

    /// <summary>Tests only: where Twilio's REST API is (a fake on loopback) instead of <c>https://api.twilio.com</c>.</summary>
    public Uri? ApiBaseUrl { get; set; }

    /// <summary>Optional: the secret of a Twilio webhook SharedKey, for webhooks Twilio signs with it instead of the auth token.</summary>
    public string? WebhookSharedKeySecret { get; set; }

    /// <summary>
    /// Optional: the most messages a second this app instance hands to Twilio (the account's or Messaging Service's
    /// allowed rate). Sends, retries included, then wait for a slot, pages before dispatch offers. Unset: no pacing.
    /// </summary>
    public double? MessagesPerSecond { get; set; }

    public TwilioRetryOptions Retry { get; set; } = new();

    /// <summary>Whether any credential is configured: then Twilio is used (and the whole set must be valid).</summary>
    public bool HasCredentials =>
        !string.IsNullOrEmpty(AccountSid) || !string.IsNullOrEmpty(AuthToken) || !string.IsNullOrEmpty(ApiKeySid) || !string.IsNullOrEmpty(ApiKeySecret);

    /// <summary>Whether REST calls authenticate with the API key rather than the auth token.</summary>
    public bool UsesApiKey => !string.IsNullOrEmpty(ApiKeySid);
}

/// <summary>How sending retries what Twilio may accept later (429, 5xx, timeouts): exponential backoff with jitter.</summary>
public sealed class TwilioRetryOptions
{
    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first retry's delay; each next one doubles, with jitter, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one HTTP call to Twilio may take before it counts as failed (and is retried).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    // The bounds start-up validation holds the settings to: every value inside them runs (a test per boundary).
    public const int MaxMaxAttempts = 20;

    public static readonly TimeSpan LongestBaseDelay = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan LongestMaxDelay = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan ShortestAttemptTimeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan LongestAttemptTimeout = TimeSpan.FromMinutes(2);
}
