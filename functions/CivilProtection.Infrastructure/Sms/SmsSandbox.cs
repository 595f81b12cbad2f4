using System.Xml;
using System.Xml.Linq;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Sms;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CivilProtection.Application.Problems;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>
/// The sandbox page's side: threads and messages from the sandbox table, and replies posted to the app's real
/// inbound webhook over HTTP, signed as Twilio signs, with the TwiML answer recorded as the app's SMS back.
/// </summary>
public sealed class SmsSandbox(
    SandboxStore store,
    SandboxWebhookClient webhooks,
    SandboxCalls calls,
    SmsWebhookUrls urls,
    IOptions<SmsSandboxOptions> options,
    TimeProvider time,
    ILogger<SmsSandbox> logger) : ISmsSandbox
{
    /// <summary>Twilio's limit for one message body.</summary>
    public const int MaxBodyLength = 1600;

    public Task<IReadOnlyList<SandboxThread>> ListThreadsAsync(CancellationToken cancellationToken) => store.ListThreadsAsync(cancellationToken);

    public Task<IReadOnlyList<SandboxMessage>> ListMessagesAsync(string phone, CancellationToken cancellationToken) =>
        store.ListMessagesAsync(phone, cancellationToken);

    public async Task<SandboxReply> ReplyAsync(string phone, string body, CancellationToken cancellationToken)
    {
        if (!TwilioSids.E164().IsMatch(phone))
        {
            throw new FormRejectedException("phone", FieldError.NotAPhone);
        }
        if (string.IsNullOrWhiteSpace(body) || body.Length > MaxBodyLength)
        {
            throw new FormRejectedException("body", FieldError.TooLong(MaxBodyLength));
        }
        var sid = TwilioSids.NewMessageSid();
        var reply = new SandboxMessage(sid, SandboxDirections.Inbound, body, time.GetUtcNow(), "received");
        await store.AddAsync(phone, reply, cancellationToken);

        // Twilio's Advanced Opt-Out: STOP and START change the number's consent with Twilio, are marked on the webhook,
        // and are answered by Twilio itself, whatever the app answers.
        var optOut = OptOutKeywords.Classify(null, body);
        string? optOutType = null;
        if (optOut is OptOutKind.Stop or OptOutKind.Start)
        {
            await store.SetOptedOutAsync(phone, optOut == OptOutKind.Stop, cancellationToken);
            optOutType = optOut == OptOutKind.Stop ? "STOP" : "START";
        }
        var (status, twiml) = await webhooks.PostAsync(urls.Inbound, webhooks.InboundForm(sid, phone, options.Value.Number, body, optOutType), cancellationToken);
        if (status is < 200 or >= 300)
        {
            logger.LogWarning("The inbound webhook answered {Status} to a sandbox reply from {From}.", status, PhoneMask.Mask(phone));
            return new SandboxReply(reply, status, []);
        }
        var answers = new List<SandboxMessage>();
        var texts = optOutType is null ? Messages(twiml) : [TwilioAnswerTo(optOut)];
        foreach (var text in texts)
        {
            // Twilio sends a TwiML <Message> back to the sender as an SMS: so does the sandbox.
            var answer = new SandboxMessage(TwilioSids.NewMessageSid(), SandboxDirections.Outbound, text, time.GetUtcNow(), "delivered");
            await store.AddAsync(phone, answer, cancellationToken);
            answers.Add(answer);
        }
        return new SandboxReply(reply, status, answers);
    }

    public async Task PressAsync(string phone, string digits, CancellationToken cancellationToken)
    {
        if (digits.Length is 0 or > 10 || !digits.All(c => char.IsAsciiDigit(c) || c is '*' or '#'))
        {
            throw new FormRejectedException("digits", FieldError.BadFormat("1#"));
        }
        if (!await calls.PressAsync(phone, digits, cancellationToken))
        {
            throw new FormRejectedException("phone", FieldError.NothingWaiting);
        }
    }

    /// <summary>The texts of a TwiML answer's <c>&lt;Message&gt;</c> elements (with or without a <c>&lt;Body&gt;</c>).</summary>
    // Twilio's default answers to opt-out keywords.
    private static string TwilioAnswerTo(OptOutKind kind) => kind == OptOutKind.Stop
        ? "You have successfully been unsubscribed. You will not receive any more messages from this number. Reply START to resubscribe."
        : "You have successfully been re-subscribed to messages from this number. Reply HELP for help. Reply STOP to unsubscribe.";

    public static IReadOnlyList<string> Messages(string twiml)
    {
        if (string.IsNullOrWhiteSpace(twiml))
        {
            return [];
        }
        try
        {
            return XDocument.Parse(twiml).Descendants("Message")
                .Select(m => m.Element("Body")?.Value ?? m.Value)
                .Where(text => text.Length > 0)
                .ToList();
        }
        catch (XmlException)
        {
            return [];
        }
    }
}
