using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CivilProtection.Testing;

/// <summary>
/// Twilio's Messages API on a loopback port, for tests and the benchmark. It checks every request as Twilio would
/// (account in the path, basic auth, E.164 <c>To</c>, a sender, a body, an absolute <c>StatusCallback</c>), answers a
/// bad one 400 and records why in <see cref="Violations"/>, records what it accepted, and can be told to answer 201,
/// 400 with an error code, 429, 500 or late for the next requests, or to allow only so many messages a second. It
/// also plays Twilio's side of the webhooks: inbound SMS and status callbacks, signed as Twilio signs them.
/// </summary>
public sealed partial class FakeTwilio : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeTwilioAnswer> _script = new();
    private readonly Lock _gate = new();
    private readonly List<FakeTwilioMessage> _messages = [];
    private readonly List<string> _violations = [];
    private readonly HttpClient _webhooks = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly HashSet<string> _optedOut = new(StringComparer.Ordinal);
    private readonly List<(string To, DateTimeOffset At)> _optOutRefusals = [];
    private int _requests;
    private int _rateLimited;
    private int _refusedOptedOut;
    private double _tokens;
    private long _refilledAt;

    private FakeTwilio(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Where the API listens: the value of <c>CivilProtection:Twilio:ApiBaseUrl</c>.</summary>
    public Uri BaseUrl { get; }

    public string AccountSid { get; } = NewSid("AC");
    public string AuthToken { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    public string ApiKeySid { get; } = NewSid("SK");
    public string ApiKeySecret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    public string MessagingServiceSid { get; } = NewSid("MG");
    public string FromNumber { get; } = "+15005550006";

    /// <summary>Messages a second the fake accepts (429 with error 20429 beyond, after a burst of one second's worth, at least one); null for no limit.</summary>
    public double? RateLimitPerSecond { get; set; }

    /// <summary>Every request received, good or bad, answered or not yet.</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>Requests answered 429 because of <see cref="RateLimitPerSecond"/>.</summary>
    public int RateLimitedCount => Volatile.Read(ref _rateLimited);

    public IReadOnlyList<FakeTwilioMessage> Messages
    {
        get { lock (_gate) { return [.. _messages]; } }
    }

    /// <summary>What was wrong with requests answered 400/401/404 for not being what Twilio accepts; tests assert it is empty.</summary>
    public IReadOnlyList<string> Violations
    {
        get { lock (_gate) { return [.. _violations]; } }
    }

    /// <summary>Accepted messages carrying a status callback URL an earlier accepted message had: the same SMS sent twice.</summary>
    public int Duplicates => Messages.GroupBy(m => m.StatusCallback.AbsoluteUri, StringComparer.Ordinal).Sum(g => g.Count() - 1);

    public static async Task<FakeTwilio> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeTwilio? fake = null;
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", (HttpContext http, string accountSid) => fake!.CreateMessageAsync(http, accountSid));
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Calls.json", (HttpContext http, string accountSid) => fake!.CreateCallAsync(http, accountSid));
        app.MapFallback((HttpContext http) =>
        {
            fake!.Violation($"{http.Request.Method} {http.Request.Path}: no such Twilio resource");
            return Error(http, 404, 20404, "The requested resource was not found");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake = new FakeTwilio(app, new Uri(address));
        return fake;
    }

    /// <summary>Answers the next <paramref name="times"/> valid requests so (after any answers already queued); then 201 again.</summary>
    public void AnswerNext(FakeTwilioAnswer answer, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _script.Enqueue(answer);
        }
    }

    /// <summary>Forgets the scripted answers not used yet (messages and calls): every valid request is answered 201 again.</summary>
    public void ClearAnswers()
    {
        _script.Clear();
        _callScript.Clear();
    }

    /// <summary>The settings that point the app at this fake (<c>CivilProtection:Twilio:*</c>).</summary>
    /// <param name="withVoice">Also configure the voice number (<c>VoiceFromNumber</c>), so life-safety notices ring.</param>
    public Dictionary<string, string?> Settings(Uri publicBaseUrl, bool useApiKey = false, bool useFromNumber = false, bool withVoice = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["CivilProtection:Twilio:AccountSid"] = AccountSid,
            ["CivilProtection:Twilio:AuthToken"] = AuthToken,
            ["CivilProtection:Twilio:PublicBaseUrl"] = publicBaseUrl.AbsoluteUri,
            ["CivilProtection:Twilio:ApiBaseUrl"] = BaseUrl.AbsoluteUri,
        };
        if (useApiKey)
        {
            settings["CivilProtection:Twilio:ApiKeySid"] = ApiKeySid;
            settings["CivilProtection:Twilio:ApiKeySecret"] = ApiKeySecret;
        }
        settings[useFromNumber ? "CivilProtection:Twilio:FromNumber" : "CivilProtection:Twilio:MessagingServiceSid"] = useFromNumber ? FromNumber : MessagingServiceSid;
        if (withVoice)
        {
            settings["CivilProtection:Twilio:VoiceFromNumber"] = FromNumber;
        }
        return settings;
    }

    private async Task<IResult> CreateMessageAsync(HttpContext http, string accountSid)
    {
        var (form, refused) = await ReadCreateAsync(http, accountSid, missingBodyCode: 21602, missingBodyMessage: "Message body is required");
        if (form is null)
        {
            return refused!;
        }
        if (Invalid(form) is { } refusal)
        {
            Violation(refusal.Why);
            return Error(http, 400, refusal.Code, refusal.Why);
        }
        if (IsOptedOut(form["To"].ToString()))
        {
            Interlocked.Increment(ref _refusedOptedOut);
            lock (_gate)
            {
                _optOutRefusals.Add((form["To"].ToString(), DateTimeOffset.UtcNow));
            }
            return Error(http, 400, 21610, "Attempt to send to unsubscribed recipient");
        }
        // Twilio's rate counts segments: a 3-segment message uses three of the second's sends. Queuing, the queue spends them.
        if (!QueuesOverRate && !TakeRateTokens(Application.Sms.SmsSegments.Count(form["Body"].ToString()).Segments))
        {
            Interlocked.Increment(ref _rateLimited);
            return Error(http, 429, 20429, "Too Many Requests");
        }
        var answer = _script.TryDequeue(out var scripted) ? scripted : FakeTwilioAnswer.Created;
        if (answer.Delay > TimeSpan.Zero)
        {
            await Task.Delay(answer.Delay, http.RequestAborted);
        }
        if (answer.Status >= 500 && answer.ErrorCode is null)
        {
            // Like a proxy in front of Twilio failing: no JSON, just a status.
            return Results.Content("<html><body>Service Unavailable</body></html>", "text/html", Encoding.UTF8, answer.Status);
        }
        if (answer.Status != 201)
        {
            return Error(http, answer.Status, answer.ErrorCode ?? 0, $"Scripted error {answer.ErrorCode}");
        }
        return Created(form);
    }

    /// <summary>
    /// A create request's form, checked as Twilio checks every REST call first (the account in the path, basic auth,
    /// a form); else the answer Twilio gives, with the violation recorded.
    /// </summary>
    private async Task<(IFormCollection? Form, IResult? Refused)> ReadCreateAsync(HttpContext http, string accountSid, int missingBodyCode, string missingBodyMessage)
    {
        Interlocked.Increment(ref _requests);
        if (accountSid != AccountSid)
        {
            Violation($"path account {accountSid} is not the account {AccountSid}");
            return (null, Error(http, 404, 20404, "The requested resource was not found"));
        }
        if (!Authorised(http.Request))
        {
            Violation("basic auth is neither the account SID and auth token nor the API key and secret");
            return (null, Error(http, 401, 20003, "Authentication Error - invalid username"));
        }
        if (!http.Request.HasFormContentType)
        {
            Violation($"content type {http.Request.ContentType} is not a form");
            return (null, Error(http, 400, missingBodyCode, missingBodyMessage));
        }
        return (await http.Request.ReadFormAsync(http.RequestAborted), null);
    }

    private bool IsOptedOut(string to)
    {
        lock (_gate)
        {
            return _optedOut.Contains(to);
        }
    }

    /// <summary>
    /// The number is on Twilio's opt-out list without the app having seen it happen (a STOP to another number of the
    /// same Messaging Service, or before the app existed): sends to it are refused with 21610.
    /// </summary>
    public void OptOutAtTwilio(string number)
    {
        lock (_gate)
        {
            _optedOut.Add(number);
        }
    }

    /// <summary>Each send refused with 21610 (the number had opted out), and when.</summary>
    public IReadOnlyList<(string To, DateTimeOffset At)> OptOutRefusals
    {
        get { lock (_gate) { return [.. _optOutRefusals]; } }
    }

    /// <summary>How many sends the fake refused with 21610 because their number had replied STOP.</summary>
    public int RefusedOptedOut => Volatile.Read(ref _refusedOptedOut);

    /// <summary>Numbers that replied STOP (and not START since), whose sends are refused with 21610.</summary>
    public IReadOnlyCollection<string> OptedOut
    {
        get
        {
            lock (_gate)
            {
                return [.. _optedOut];
            }
        }
    }

    private IResult Created(IFormCollection form)
    {
        var message = new FakeTwilioMessage(
            NewSid("SM"), form["To"].ToString(), Optional(form, "From"), Optional(form, "MessagingServiceSid"), form["Body"].ToString(),
            new Uri(form["StatusCallback"].ToString()), QueuesOverRate ? QueueClock.GetUtcNow() : DateTimeOffset.UtcNow,
            Optional(form, "ValidityPeriod") is { } validity ? int.Parse(validity, CultureInfo.InvariantCulture) : null);
        lock (_gate)
        {
            _messages.Add(message);
        }
        if (QueuesOverRate)
        {
            Enqueue(message);
        }
        var uri = $"/2010-04-01/Accounts/{AccountSid}/Messages/{message.Sid}.json";
        var now = DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture);
        var json = new JsonObject
        {
            ["account_sid"] = AccountSid,
            ["api_version"] = "2010-04-01",
            ["body"] = message.Body,
            ["date_created"] = now,
            ["date_sent"] = null,
            ["date_updated"] = now,
            ["direction"] = "outbound-api",
            ["error_code"] = null,
            ["error_message"] = null,
            ["from"] = message.From,
            ["messaging_service_sid"] = message.MessagingServiceSid,
            ["num_media"] = "0",
            ["num_segments"] = Application.Sms.SmsSegments.Count(message.Body).Segments.ToString(CultureInfo.InvariantCulture),
            ["price"] = null,
            ["price_unit"] = "USD",
            ["sid"] = message.Sid,
            // With a Messaging Service Twilio first answers "accepted" (it picks the sender later), else "queued".
            ["status"] = message.MessagingServiceSid is null ? "queued" : "accepted",
            ["subresource_uris"] = new JsonObject { ["media"] = uri.Replace(".json", "/Media.json", StringComparison.Ordinal) },
            ["to"] = message.To,
            ["uri"] = uri,
        };
        return Results.Content(json.ToJsonString(), "application/json", Encoding.UTF8, 201);
    }

    private (int Code, string Why)? Invalid(IFormCollection form)
    {
        var to = form["To"].ToString();
        if (!E164().IsMatch(to))
        {
            return (21211, $"To '{to}' is not an E.164 number");
        }
        var service = Optional(form, "MessagingServiceSid");
        var from = Optional(form, "From");
        if (service is null && from is null)
        {
            return (21603, "neither MessagingServiceSid nor From is given");
        }
        if (service is not null && service != MessagingServiceSid)
        {
            return (21701, $"MessagingServiceSid {service} is not this account's");
        }
        if (service is null && from != FromNumber)
        {
            return (21606, $"From {from} is not this account's number");
        }
        var body = form["Body"].ToString();
        if (string.IsNullOrWhiteSpace(body))
        {
            return (21602, "Body is empty");
        }
        if (body.Length > 1600)
        {
            return (21617, $"Body has {body.Length} characters, more than 1600");
        }
        // Twilio's definition: an integer of seconds, 1 to 36000.
        if (Optional(form, "ValidityPeriod") is { } validity
            && !(int.TryParse(validity, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 36_000))
        {
            return (21623, $"ValidityPeriod '{validity}' is not a whole number of seconds from 1 to 36000");
        }
        var callback = form["StatusCallback"].ToString();
        if (!Uri.TryCreate(callback, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return (21609, $"StatusCallback '{callback}' is not an absolute http(s) URL");
        }
        return null;
    }

    private bool Authorised(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return false;
        }
        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }
        return credentials == $"{AccountSid}:{AuthToken}" || credentials == $"{ApiKeySid}:{ApiKeySecret}";
    }

    // A token bucket of segments: up to one second's worth in a burst, refilled continuously.
    private bool TakeRateTokens(int segments)
    {
        if (RateLimitPerSecond is not { } rate)
        {
            return true;
        }
        lock (_gate)
        {
            var now = TimeProvider.System.GetTimestamp();
            var burst = Math.Max(1, rate);
            _tokens = _refilledAt == 0 ? burst : Math.Min(burst, _tokens + TimeProvider.System.GetElapsedTime(_refilledAt, now).TotalSeconds * rate);
            _refilledAt = now;
            if (_tokens < Math.Min(segments, burst))
            {
                return false;
            }
            _tokens -= segments;
            return true;
        }
    }

    private void Violation(string why)
    {
        lock (_gate)
        {
            _violations.Add(why);
        }
    }

    private static IResult Error(HttpContext http, int status, int code, string message) =>
        Results.Json(new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status }, statusCode: status);

    private static string? Optional(IFormCollection form, string name) => form.TryGetValue(name, out var value) && value.ToString().Length > 0 ? value.ToString() : null;

    /// <summary>A new message SID as Twilio makes them (<c>SM</c> and 32 hex digits).</summary>
    public static string NewMessageSid() => NewSid("SM");

    private static string NewSid(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    // ---- Twilio's side of the webhooks ----

    /// <summary>Twilio's signature of a webhook call: HMAC-SHA1 of the URL then each parameter's name and value, sorted by name; Base64.</summary>
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }
#pragma warning disable CA5350 // Twilio's auth-token signature is defined as HMAC-SHA1.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    /// <summary>
    /// Posts a form to <paramref name="postTo"/> with <c>X-Twilio-Signature</c> computed for <paramref name="signedUrl"/>
    /// (the public URL Twilio was given; they differ behind a proxy, or in a forgery test), with <paramref name="authToken"/>
    /// (this account's by default). A null token sends no signature at all.
    /// </summary>
    public async Task<HttpResponseMessage> PostSignedAsync(Uri postTo, string signedUrl, IReadOnlyList<KeyValuePair<string, string>> form, string? authToken = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, postTo) { Content = new FormUrlEncodedContent(form) };
        if (authToken is not null)
        {
            request.Headers.Add("X-Twilio-Signature", Sign(authToken.Length == 0 ? AuthToken : authToken, signedUrl, form));
        }
        return await _webhooks.SendAsync(request);
    }

    /// <summary>
    /// An SMS from <paramref name="from"/> arriving at the app at <paramref name="appBaseUrl"/>, signed for its public URL.
    /// Given the <paramref name="messageSid"/> of an earlier one with the same text, it is that call again, byte for byte
    /// (Twilio retrying a webhook that did not answer in time, or a captured call replayed).
    /// </summary>
    public Task<HttpResponseMessage> SendInboundAsync(Uri appBaseUrl, Uri publicBaseUrl, string from, string body, string? to = null, string? messageSid = null)
    {
        var sid = messageSid ?? NewMessageSid();
        var form = new List<KeyValuePair<string, string>>
        {
            new("AccountSid", AccountSid), new("ApiVersion", "2010-04-01"), new("Body", body), new("From", from),
            new("MessageSid", sid), new("MessagingServiceSid", MessagingServiceSid), new("NumMedia", "0"), new("NumSegments", "1"),
            new("SmsMessageSid", sid), new("SmsSid", sid), new("SmsStatus", "received"), new("To", to ?? FromNumber),
        };
        // Advanced Opt-Out, as Twilio runs it: the keyword is marked on the webhook, and the number is refused (21610)
        // from then on, until START.
        if (AdvancedOptOut.TypeOf(body) is { } optOutType)
        {
            form.Add(new("OptOutType", optOutType));
            lock (_gate)
            {
                if (optOutType == AdvancedOptOut.Stop)
                {
                    _optedOut.Add(from);
                }
                else if (optOutType == AdvancedOptOut.Start)
                {
                    _optedOut.Remove(from);
                }
            }
        }
        return PostSignedAsync(Under(appBaseUrl, "/api/sms/inbound"), Under(publicBaseUrl, "/api/sms/inbound").AbsoluteUri, form);
    }

    /// <summary>
    /// Twilio's status callback for an accepted message, posted to its <c>StatusCallback</c> URL (or, when the app is not
    /// reachable there in a test, to the same path and query under <paramref name="appBaseUrl"/>), signed for that URL.
    /// </summary>
    public Task<HttpResponseMessage> ReportStatusAsync(FakeTwilioMessage message, string status, int? errorCode = null, Uri? appBaseUrl = null)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("AccountSid", AccountSid), new("ApiVersion", "2010-04-01"), new("From", message.From ?? FromNumber),
            new("MessageSid", message.Sid), new("MessageStatus", status), new("SmsSid", message.Sid), new("SmsStatus", status), new("To", message.To),
        };
        if (message.MessagingServiceSid is not null)
        {
            form.Add(new("MessagingServiceSid", message.MessagingServiceSid));
        }
        if (errorCode is { } code)
        {
            form.Add(new("ErrorCode", code.ToString(CultureInfo.InvariantCulture)));
        }
        var postTo = appBaseUrl is null ? message.StatusCallback : Under(appBaseUrl, message.StatusCallback.PathAndQuery);
        return PostSignedAsync(postTo, message.StatusCallback.AbsoluteUri, form);
    }

    private static Uri Under(Uri baseUrl, string pathAndQuery) => new(baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + pathAndQuery);

    public async ValueTask DisposeAsync()
    {
        await StopQueueAsync();
        _webhooks.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A message the fake accepted, as it received it.</summary>
/// <param name="ValidityPeriod">The seconds Twilio may keep it queued, when the request gave one.</param>
public sealed record FakeTwilioMessage(
    string Sid, string To, string? From, string? MessagingServiceSid, string Body, Uri StatusCallback, DateTimeOffset ReceivedAt, int? ValidityPeriod = null);

/// <summary>How the fake answers a valid request: a status (and Twilio error code), after an optional delay.</summary>
public sealed record FakeTwilioAnswer(int Status, int? ErrorCode, TimeSpan Delay)
{
    public static FakeTwilioAnswer Created { get; } = new(201, null, TimeSpan.Zero);

    /// <summary>Twilio's JSON error, e.g. <c>Error(400, 21610)</c> for a recipient who opted out.</summary>
    public static FakeTwilioAnswer Error(int status, int code) => new(status, code, TimeSpan.Zero);

    public static FakeTwilioAnswer TooManyRequests { get; } = new(429, 20429, TimeSpan.Zero);

    /// <summary>500 with Twilio's JSON error body.</summary>
    public static FakeTwilioAnswer ServerError { get; } = new(500, 20500, TimeSpan.Zero);

    /// <summary>503 without a JSON body, as a failing proxy in front of Twilio would answer.</summary>
    public static FakeTwilioAnswer Unavailable { get; } = new(503, null, TimeSpan.Zero);

    /// <summary>201, but only after <paramref name="delay"/>.</summary>
    public static FakeTwilioAnswer Delayed(TimeSpan delay) => new(201, null, delay);
}
