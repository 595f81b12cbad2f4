using System.Collections.Concurrent;
using System.Xml;
using System.Xml.Linq;
using CivilProtection.Application.Sms;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>
/// The sandbox's side of its calls, as Twilio plays it: the phone "answers" (Twilio fetching the call's TwiML,
/// signed), what the TwiML says goes into the number's thread, and a key pressed on the sandbox page is posted to
/// the <c>&lt;Gather&gt;</c>'s action; the call then completes (its status callback). One call per number waits for
/// a key at a time, in memory: the sandbox is one process on a developer's machine.
/// </summary>
public sealed class SandboxCalls(SandboxStore store, SandboxWebhookClient webhooks, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, WaitingCall> _waiting = new(StringComparer.Ordinal);

    /// <summary>Answers the call: fetches its TwiML, records what it says, and waits for a key or completes it.</summary>
    public async Task AnswerAsync(string sid, string to, string from, Uri prompt, Uri statusCallback, CancellationToken cancellationToken)
    {
        var (_, twiml) = await webhooks.PostAsync(prompt, webhooks.CallForm(sid, "in-progress", to, from), cancellationToken);
        await ActOnAsync(new WaitingCall(sid, to, from, statusCallback, null, Said: 0), twiml, cancellationToken);
    }

    /// <summary>Whether a call to <paramref name="phone"/> waits for a key now.</summary>
    public bool IsWaiting(string phone) => _waiting.ContainsKey(phone);

    /// <summary>Presses <paramref name="digits"/> on the call waiting on <paramref name="phone"/>; false when none waits.</summary>
    public async Task<bool> PressAsync(string phone, string digits, CancellationToken cancellationToken)
    {
        if (!_waiting.TryRemove(phone, out var call) || call.Gather is null)
        {
            return false;
        }
        var form = webhooks.CallForm(call.Sid, "in-progress", call.To, call.From).Append(new("Digits", digits)).ToList();
        var (_, twiml) = await webhooks.PostAsync(call.Gather, form, cancellationToken);
        await ActOnAsync(call, twiml, cancellationToken);
        return true;
    }

    // What Twilio would do with the TwiML: say it (into the thread), then wait for a key or end the call.
    private async Task ActOnAsync(WaitingCall call, string twiml, CancellationToken cancellationToken)
    {
        var (said, gather) = Read(twiml);
        if (said.Length > 0)
        {
            // One message per answer of the call, each its own id (the same instant, under a test's frozen clock).
            await store.AddAsync(call.To, new SandboxMessage($"{call.Sid}-{call.Said}", SandboxDirections.Call, said, time.GetUtcNow(), gather is null ? "completed" : "in-progress"), cancellationToken);
        }
        if (gather is not null)
        {
            _waiting[call.To] = call with { Gather = gather, Said = call.Said + 1 };
            return;
        }
        await webhooks.PostAsync(call.StatusCallback, webhooks.CallForm(call.Sid, "completed", call.To, call.From), cancellationToken);
    }

    /// <summary>The words a TwiML answer says (its <c>&lt;Say&gt;</c>s, the first of a <c>&lt;Gather&gt;</c> only) and the gather's action, if it waits for a key.</summary>
    public static (string Said, Uri? Gather) Read(string twiml)
    {
        try
        {
            var response = XDocument.Parse(twiml).Root;
            var gather = response?.Element("Gather");
            var said = gather?.Element("Say")?.Value ?? string.Join(" ", response?.Elements("Say").Select(s => s.Value) ?? []);
            return (said, (string?)gather?.Attribute("action") is { } action ? new Uri(action) : null);
        }
        catch (XmlException)
        {
            return ("", null);
        }
    }

    private sealed record WaitingCall(string Sid, string To, string From, Uri StatusCallback, Uri? Gather, int Said);
}
