using System.Xml;
using System.Xml.Linq;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Sms;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>
/// The sandbox page's side: threads and messages from the sandbox table, and replies posted to the app's real
/// inbound webhook over HTTP, signed as Twilio signs, with the TwiML answer recorded as the app's SMS back.
/// </summary>
public sealed class SmsSandbox(
    SandboxStore store,
    SandboxWebhookClient webhooks,
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
            throw new FormRejectedException("phone", "The phone number must be in E.164 form, e.g. +33612345678.");
        }
        if (string.IsNullOrWhiteSpace(body) || body.Length > MaxBodyLength)
        {
            throw new FormRejectedException("body", $"A reply holds 1 to {MaxBodyLength} characters.");
        }
        var sid = TwilioSids.NewMessageSid();
        var reply = new SandboxMessage(sid, SandboxDirections.Inbound, body, time.GetUtcNow(), "received");
        await store.AddAsync(phone, reply, cancellationToken);

        var (status, twiml) = await webhooks.PostAsync(urls.Inbound, webhooks.InboundForm(sid, phone, options.Value.Number, body), cancellationToken);
        if (status is < 200 or >= 300)
        {
            logger.LogWarning("The inbound webhook answered {Status} to a sandbox reply from {From}.", status, PhoneMask.Mask(phone));
            return new SandboxReply(reply, status, []);
        }
        var answers = new List<SandboxMessage>();
        foreach (var text in Messages(twiml))
        {
            // Twilio sends a TwiML <Message> back to the sender as an SMS: so does the sandbox.
            var answer = new SandboxMessage(TwilioSids.NewMessageSid(), SandboxDirections.Outbound, text, time.GetUtcNow(), "delivered");
            await store.AddAsync(phone, answer, cancellationToken);
            answers.Add(answer);
        }
        return new SandboxReply(reply, status, answers);
    }

    /// <summary>The texts of a TwiML answer's <c>&lt;Message&gt;</c> elements (with or without a <c>&lt;Body&gt;</c>).</summary>
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
