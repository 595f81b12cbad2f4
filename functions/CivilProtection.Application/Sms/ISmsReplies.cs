namespace CivilProtection.Application.Sms;

/// <summary>What the app does with an SMS people send back (acknowledgements, dispatch answers), and with delivery reports.</summary>
/// <remarks>The webhooks call these only after checking Twilio's signature.</remarks>
public interface ISmsReplies
{
    /// <summary>Handles a reply; returns the text to answer with (in the sender's language), or null for no answer.</summary>
    Task<string?> HandleReplyAsync(InboundSms sms, CancellationToken cancellationToken);

    /// <summary>Records a delivery report for one of our messages (identified by our own id, carried in the callback URL).</summary>
    Task HandleStatusAsync(SmsStatusReport report, CancellationToken cancellationToken);
}

/// <summary>An SMS received: from whom (E.164), to which of our numbers, what it says, the provider's id.</summary>
/// <param name="OptOutType">Twilio's Advanced Opt-Out mark (STOP, START, HELP), when it recognised a keyword.</param>
public sealed record InboundSms(string From, string To, string Body, string ProviderMessageId, string? OptOutType = null);

/// <summary>A delivery report: our SMS id (from the callback URL), the provider's id and status, and its error code if any.</summary>
public sealed record SmsStatusReport(string SmsId, string ProviderMessageId, string Status, int? ErrorCode);
