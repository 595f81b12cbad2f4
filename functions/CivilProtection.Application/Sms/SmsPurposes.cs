namespace CivilProtection.Application.Sms;

/// <summary>What an outgoing message (<see cref="SmsRecord.Purpose"/>) is for.</summary>
public static class SmsPurposes
{
    /// <summary>A page of an on-call notice.</summary>
    public const string Notice = "notice";

    /// <summary>
    /// A voice call of an on-call notice, placed with a page once a life-safety notice went a round unacknowledged:
    /// its body is what the call says; pressing 1 acknowledges.
    /// </summary>
    public const string NoticeCall = "notice-call";

    public const string AdminAlert = "admin-alert";

    /// <summary>A voice call to an admin when the SMS provider refuses our account: its body is what it says; no key to press.</summary>
    public const string AdminCall = "admin-call";

    public const string Confirmation = "confirmation";

    public const string DispatchOffer = "dispatch-offer";

    /// <summary>Whether it is a voice call rather than an SMS.</summary>
    public static bool IsCall(string purpose) => purpose is NoticeCall or AdminCall;

    /// <summary>Whether it belongs to a notice's paging (an SMS or a call), and so is withdrawn once the notice is closed.</summary>
    public static bool PagesFor(string purpose) => purpose is Notice or NoticeCall;
}
