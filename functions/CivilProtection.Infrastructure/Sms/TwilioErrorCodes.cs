namespace CivilProtection.Infrastructure.Sms;

/// <summary>Twilio error codes worth a name in logs and docs (https://www.twilio.com/docs/api/errors).</summary>
public static class TwilioErrorCodes
{
    public const int Unsubscribed = 21610;
    public const int InvalidToNumber = 21211;
    public const int NotMobileNumber = 21614;
    public const int RegionNotEnabled = 21408;
    public const int UnreachableToNumber = 21612;
    public const int BodyTooLong = 21617;
    public const int TooManyRequests = 20429;

    public static string Meaning(int code) => code switch
    {
        Unsubscribed => "the recipient opted out",
        InvalidToNumber => "invalid 'To' number",
        NotMobileNumber => "not a mobile number",
        RegionNotEnabled => "sending to this region is not enabled",
        UnreachableToNumber => "the number cannot be reached from this sender",
        BodyTooLong => "the body is too long",
        TooManyRequests => "too many requests",
        20003 => "authentication failed",
        20404 => "resource not found",
        _ => "see Twilio's error reference",
    };
}
