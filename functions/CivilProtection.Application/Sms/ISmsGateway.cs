namespace CivilProtection.Application.Sms;

/// <summary>Sends SMS: Twilio in Azure, the sandbox in Development without Twilio credentials.</summary>
/// <remarks>
/// Throws <see cref="SmsRejectedException"/> for a message the provider will never send (opted-out or invalid
/// number): not to be retried. Throws <see cref="SmsUnavailableException"/> when the provider stays unavailable
/// after the gateway's own retries (429, 5xx, timeouts), or when the call is cancelled before anything could have
/// reached the provider (e.g. while waiting for a send slot): the message was not sent and may be retried later.
/// Any other exception, cancellation during a call included, leaves it unknown whether the message went out.
/// </remarks>
public interface ISmsGateway
{
    Task<SmsReceipt> SendAsync(OutgoingSms sms, CancellationToken cancellationToken);
}

/// <summary>One SMS to send: E.164 number, text, where the provider reports its delivery status, and how urgent it is.</summary>
/// <param name="ValidFor">
/// How long the provider may hold it in its queue before giving up (Twilio's <c>ValidityPeriod</c>): a page until its
/// next escalation step, a dispatch offer until its answer deadline, so an SMS that cannot go out in time expires and
/// the escalation moves on instead of waking someone hours late. Null: the provider's default.
/// </param>
public sealed record OutgoingSms(string To, string Body, Uri StatusCallback, SmsPriority Priority = SmsPriority.Paging, TimeSpan? ValidFor = null);

/// <summary>
/// Which SMS go first when sending is paced to the provider's rate, in the order declared; within one priority, the
/// first to ask goes first.
/// </summary>
public enum SmsPriority
{
    /// <summary>Someone must act now: on-call notices, escalations, admin alerts, acknowledgement confirmations.</summary>
    Paging,

    /// <summary>Dispatch offers to responders: sent by the hundred, they wait while any page is waiting.</summary>
    Dispatch,
}

/// <summary>What the provider said when it accepted the message: its id (Twilio's message SID) and status.</summary>
public sealed record SmsReceipt(string ProviderMessageId, string Status);

/// <summary>The provider refused the message for good (e.g. Twilio 21610: the recipient opted out).</summary>
public sealed class SmsRejectedException : Exception
{
    public SmsRejectedException(int errorCode, string message) : base(message) => ErrorCode = errorCode;

    public SmsRejectedException() { }

    public SmsRejectedException(string message) : base(message) { }

    public SmsRejectedException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The provider's error code (Twilio's: 21610 opted out, 21211 invalid number…).</summary>
    public int ErrorCode { get; }
}

/// <summary>The provider stayed unavailable after retries; the message was not sent.</summary>
public sealed class SmsUnavailableException : Exception
{
    public SmsUnavailableException(string message, Exception innerException) : base(message, innerException) { }

    public SmsUnavailableException() { }

    public SmsUnavailableException(string message) : base(message) { }

    /// <summary>The provider refused our account, credentials or sender with this error code: the configuration's fault, not the recipient's.</summary>
    public SmsUnavailableException(string message, int accountErrorCode, Exception innerException) : base(message, innerException) => AccountErrorCode = accountErrorCode;

    /// <summary>Set when the provider refused our account or sender (Twilio 20003, 21606, 21701, 21408, 30001…); null when it was unavailable.</summary>
    public int? AccountErrorCode { get; }
}
