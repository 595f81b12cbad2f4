using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace CivilProtection.Testing;

/// <summary>
/// Twilio's Calls resource, as the fake plays it: it checks a create request as Twilio would (E.164 <c>To</c>, the
/// account's number as <c>From</c>, exactly one of <c>Url</c>/<c>Twiml</c>/<c>ApplicationSid</c>, absolute URLs,
/// known status events, a <c>Timeout</c> of 5 to 600 seconds), records the call, and plays the person's side on
/// demand: answering (Twilio fetches the TwiML from the call's URL), pressing a key (posted to the
/// <c>&lt;Gather&gt;</c>'s action), and the status callbacks, all signed as Twilio signs them.
/// </summary>
public sealed partial class FakeTwilio
{
    private static readonly HashSet<string> CallEvents = new(StringComparer.Ordinal) { "initiated", "ringing", "answered", "completed" };

    private readonly List<FakeTwilioCall> _calls = [];
    private readonly ConcurrentQueue<FakeTwilioAnswer> _callScript = new();

    /// <summary>Every call the fake accepted, in order.</summary>
    public IReadOnlyList<FakeTwilioCall> Calls
    {
        get { lock (_gate) { return [.. _calls]; } }
    }

    /// <summary>Answers the next <paramref name="times"/> valid call requests so; then 201 again.</summary>
    public void AnswerNextCall(FakeTwilioAnswer answer, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _callScript.Enqueue(answer);
        }
    }

    private async Task<IResult> CreateCallAsync(HttpContext http, string accountSid)
    {
        var (form, refused) = await ReadCreateAsync(http, accountSid, missingBodyCode: 21201, missingBodyMessage: "No 'To' number is specified");
        if (form is null)
        {
            return refused!;
        }
        if (InvalidCall(form) is { } refusal)
        {
            Violation(refusal.Why);
            return Error(http, 400, refusal.Code, refusal.Why);
        }
        var answer = _callScript.TryDequeue(out var scripted) ? scripted : FakeTwilioAnswer.Created;
        if (answer.Delay > TimeSpan.Zero)
        {
            await Task.Delay(answer.Delay, http.RequestAborted);
        }
        if (answer.Status != 201)
        {
            return Error(http, answer.Status, answer.ErrorCode ?? 0, $"Scripted error {answer.ErrorCode}");
        }
        var call = new FakeTwilioCall(
            NewSid("CA"), form["To"].ToString(), form["From"].ToString(), new Uri(form["Url"].ToString()),
            Optional(form, "StatusCallback") is { } callback ? new Uri(callback) : null,
            [.. form["StatusCallbackEvent"].SelectMany(v => (v ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))],
            Optional(form, "Timeout") is { } timeout ? int.Parse(timeout, CultureInfo.InvariantCulture) : 60, DateTimeOffset.UtcNow);
        lock (_gate)
        {
            _calls.Add(call);
        }
        return CallCreated(call);
    }

    private (int Code, string Why)? InvalidCall(IFormCollection form)
    {
        var to = form["To"].ToString();
        if (!E164().IsMatch(to))
        {
            return (21211, $"To '{to}' is not an E.164 number");
        }
        if (form["From"].ToString() != FromNumber)
        {
            return (21210, $"From '{form["From"]}' is not a voice number of this account");
        }
        var given = new[] { "Url", "Twiml", "ApplicationSid" }.Count(name => Optional(form, name) is not null);
        if (given != 1)
        {
            return (21205, $"exactly one of Url, Twiml and ApplicationSid must be given, not {given}");
        }
        if (Optional(form, "Url") is not { } url || !IsHttpUrl(url))
        {
            return (21205, $"Url '{form["Url"]}' is not an absolute http(s) URL (the app must give one)");
        }
        if (Optional(form, "StatusCallback") is { } callback && !IsHttpUrl(callback))
        {
            return (21609, $"StatusCallback '{callback}' is not an absolute http(s) URL");
        }
        var events = form["StatusCallbackEvent"].SelectMany(v => (v ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (events.FirstOrDefault(e => !CallEvents.Contains(e)) is { } unknown)
        {
            return (21626, $"StatusCallbackEvent '{unknown}' is not one of initiated, ringing, answered, completed");
        }
        if (Optional(form, "Timeout") is { } timeout
            && !(int.TryParse(timeout, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 5 and <= 600))
        {
            return (21213, $"Timeout '{timeout}' is not a whole number of seconds from 5 to 600");
        }
        foreach (var method in new[] { "Method", "StatusCallbackMethod" })
        {
            if (Optional(form, method) is { } verb && verb is not ("GET" or "POST"))
            {
                return (21207, $"{method} '{verb}' is neither GET nor POST");
            }
        }
        return null;
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private IResult CallCreated(FakeTwilioCall call)
    {
        var uri = $"/2010-04-01/Accounts/{AccountSid}/Calls/{call.Sid}.json";
        var now = DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture);
        var json = new JsonObject
        {
            ["account_sid"] = AccountSid,
            ["annotation"] = null,
            ["answered_by"] = null,
            ["api_version"] = "2010-04-01",
            ["caller_name"] = null,
            ["date_created"] = now,
            ["date_updated"] = now,
            ["direction"] = "outbound-api",
            ["duration"] = null,
            ["end_time"] = null,
            ["forwarded_from"] = null,
            ["from"] = call.From,
            ["from_formatted"] = call.From,
            ["group_sid"] = null,
            ["parent_call_sid"] = null,
            ["phone_number_sid"] = NewSid("PN"),
            ["price"] = null,
            ["price_unit"] = "USD",
            ["queue_time"] = "0",
            ["sid"] = call.Sid,
            ["start_time"] = null,
            ["status"] = "queued",
            ["subresource_uris"] = new JsonObject
            {
                ["notifications"] = uri.Replace(".json", "/Notifications.json", StringComparison.Ordinal),
                ["recordings"] = uri.Replace(".json", "/Recordings.json", StringComparison.Ordinal),
            },
            ["to"] = call.To,
            ["to_formatted"] = call.To,
            ["trunk_sid"] = null,
            ["uri"] = uri,
        };
        return Results.Content(json.ToJsonString(), "application/json", Encoding.UTF8, 201);
    }

    // ---- The person's side of a call, and Twilio's webhooks about it ----

    /// <summary>
    /// The person picks up: the status callbacks Twilio sends up to then (initiated, ringing, answered: those asked
    /// for), then Twilio fetches the TwiML from the call's URL. Returns the TwiML the app answered.
    /// </summary>
    public async Task<string> AnswerCallAsync(FakeTwilioCall call, Uri? appBaseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        foreach (var (callEvent, status) in new[] { ("initiated", "initiated"), ("ringing", "ringing"), ("answered", "in-progress") })
        {
            if (call.StatusCallbackEvents.Contains(callEvent))
            {
                using var report = await ReportCallStatusAsync(call, status, appBaseUrl);
                EnsureAnswered(report, $"status callback {status}");
            }
        }
        using var response = await PostCallWebhookAsync(call.Url, CallForm(call, "in-progress"), appBaseUrl);
        EnsureAnswered(response, "TwiML fetch");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The person presses <paramref name="digits"/> while <paramref name="twiml"/>'s <c>&lt;Gather&gt;</c> listens: posted to its action; returns the TwiML answered.</summary>
    public async Task<string> PressAsync(FakeTwilioCall call, string twiml, string digits, Uri? appBaseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        var gather = XDocument.Parse(twiml).Descendants("Gather").FirstOrDefault()
            ?? throw new InvalidOperationException($"The TwiML waits for no key: {twiml}");
        var action = new Uri((string?)gather.Attribute("action") ?? throw new InvalidOperationException("The <Gather> has no action URL."));
        var form = CallForm(call, "in-progress");
        form.Add(new("Digits", digits));
        form.Add(new("FinishedOnKey", ""));
        using var response = await PostCallWebhookAsync(action, form, appBaseUrl);
        EnsureAnswered(response, "Gather action");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Twilio's status callback of a call (<c>CallStatus</c>: initiated, ringing, in-progress, completed, busy, no-answer, failed, canceled).</summary>
    public Task<HttpResponseMessage> ReportCallStatusAsync(FakeTwilioCall call, string status, Uri? appBaseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        var callback = call.StatusCallback ?? throw new InvalidOperationException("The call was placed without a status callback.");
        var form = CallForm(call, status);
        form.Add(new("CallbackSource", "call-progress-events"));
        form.Add(new("Timestamp", DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)));
        if (status == "completed")
        {
            form.Add(new("CallDuration", "21"));
        }
        return PostCallWebhookAsync(callback, form, appBaseUrl);
    }

    private List<KeyValuePair<string, string>> CallForm(FakeTwilioCall call, string status) =>
    [
        new("AccountSid", AccountSid), new("ApiVersion", "2010-04-01"), new("CallSid", call.Sid), new("CallStatus", status),
        new("Called", call.To), new("Caller", call.From), new("Direction", "outbound-api"), new("From", call.From), new("To", call.To),
    ];

    private Task<HttpResponseMessage> PostCallWebhookAsync(Uri url, IReadOnlyList<KeyValuePair<string, string>> form, Uri? appBaseUrl) =>
        PostSignedAsync(appBaseUrl is null ? url : Under(appBaseUrl, url.PathAndQuery), url.AbsoluteUri, form);

    private static void EnsureAnswered(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The app answered {(int)response.StatusCode} to the {what}.");
        }
    }
}

/// <summary>A call the fake accepted, as it received it.</summary>
public sealed record FakeTwilioCall(
    string Sid, string To, string From, Uri Url, Uri? StatusCallback, IReadOnlyList<string> StatusCallbackEvents, int Timeout, DateTimeOffset ReceivedAt);
