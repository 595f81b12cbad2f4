namespace CivilProtection.Infrastructure.Sms;

/// <summary>Twilio error codes worth a name in logs and docs (https://www.twilio.com/docs/api/errors).</summary>
public static class TwilioErrorCodes
{
    public const int Unsubscribed = Application.Sms.SmsRefusals.Unsubscribed;
    public const int InvalidToNumber = 21211;
    public const int NotMobileNumber = 21614;
    public const int RegionNotEnabled = 21408;
    public const int UnreachableToNumber = 21612;
    public const int BodyTooLong = 21617;
    public const int TooManyRequests = 20429;
    public const int AuthenticationFailed = 20003;
    public const int SenderNotAllowed = 21606;
    public const int UnknownMessagingService = 21701;
    public const int QueueOverflow = 30001;

    /// <summary>
    /// Codes that are the account's or the sender's fault, never the recipient's: the SMS is not refused for the person
    /// (it goes back to pending and is tried again), and the error names the configuration to fix.
    /// </summary>
    public static bool IsAccountOrSender(int code) =>
        code is AuthenticationFailed or SenderNotAllowed or UnknownMessagingService or RegionNotEnabled or QueueOverflow;

    public static string Meaning(int code) => code switch
    {
        Unsubscribed => "the recipient opted out",
        InvalidToNumber => "invalid 'To' number",
        NotMobileNumber => "not a mobile number",
        RegionNotEnabled => "sending to this region is not enabled",
        UnreachableToNumber => "the number cannot be reached from this sender",
        BodyTooLong => "the body is too long",
        TooManyRequests => "too many requests",
        AuthenticationFailed => "authentication failed",
        SenderNotAllowed => "the sender may not send to this number (check the Messaging Service's senders)",
        UnknownMessagingService => "the Messaging Service does not exist (check MessagingServiceSid)",
        QueueOverflow => "Twilio's queue for the sender overflowed",
        20404 => "resource not found",
        _ => "see Twilio's error reference",
    };
}
