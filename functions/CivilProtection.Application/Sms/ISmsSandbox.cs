namespace CivilProtection.Application.Sms;

/// <summary>
/// The Development SMS sandbox: every SMS the app sent, one thread per phone number, and replies typed on the sandbox
/// page, posted to the app's own inbound webhook as Twilio would post them. Registered only in Development without
/// Twilio credentials.
/// </summary>
public interface ISmsSandbox
{
    /// <summary>Every phone number that has messages, the most recently active first.</summary>
    Task<IReadOnlyList<SandboxThread>> ListThreadsAsync(CancellationToken cancellationToken);

    /// <summary>The messages of one number, both ways, oldest first; empty for a number never seen.</summary>
    Task<IReadOnlyList<SandboxMessage>> ListMessagesAsync(string phone, CancellationToken cancellationToken);

    /// <summary>
    /// Sends <paramref name="body"/> from <paramref name="phone"/> to the app's inbound webhook, signed as Twilio signs,
    /// and records the reply and the app's TwiML answer in the thread. Refuses (<c>FormRejectedException</c>) a number
    /// not in E.164 form or an empty text.
    /// </summary>
    Task<SandboxReply> ReplyAsync(string phone, string body, CancellationToken cancellationToken);

    /// <summary>
    /// Presses <paramref name="digits"/> on the call ringing <paramref name="phone"/> (posted to its <c>&lt;Gather&gt;</c>
    /// as Twilio would); refuses (<c>FormRejectedException</c>) when no call waits for a key there.
    /// </summary>
    Task PressAsync(string phone, string digits, CancellationToken cancellationToken);
}

/// <summary>One phone number's conversation with the app.</summary>
public sealed record SandboxThread(string Phone, DateTimeOffset LastMessageAt, string LastBody, string LastDirection);

/// <summary>One message of a thread: <c>outbound</c> (the app to the phone), <c>inbound</c> (the phone to the app), or <c>call</c> (what a call said).</summary>
public sealed record SandboxMessage(string Id, string Direction, string Body, DateTimeOffset At, string Status);

/// <summary>What happened to a reply: the message recorded, the webhook's HTTP status, and the answers it sent back.</summary>
public sealed record SandboxReply(SandboxMessage Reply, int WebhookStatus, IReadOnlyList<SandboxMessage> Answers);

/// <summary>Directions of sandbox messages.</summary>
public static class SandboxDirections
{
    public const string Outbound = "outbound";
    public const string Inbound = "inbound";

    /// <summary>What a call to the phone said (its status <c>in-progress</c> while it waits for a key).</summary>
    public const string Call = "call";
}
