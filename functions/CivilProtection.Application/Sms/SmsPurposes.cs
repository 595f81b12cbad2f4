using System.Text.Json.Serialization;

namespace CivilProtection.Application.Sms;

/// <summary>
/// What an outgoing message (<see cref="SmsRecord.Purpose"/>) is for. Stored by the names below (the strings rows
/// written before it was a type carry), so every stored SMS reads as it was written.
/// </summary>
public enum SmsPurpose
{
    /// <summary>A page of an on-call notice.</summary>
    [JsonStringEnumMemberName("notice")]
    Notice,

    /// <summary>
    /// A voice call of an on-call notice, placed with a page once a life-safety notice went a round unacknowledged:
    /// its body is what the call says; pressing 1 acknowledges.
    /// </summary>
    [JsonStringEnumMemberName("notice-call")]
    NoticeCall,

    /// <summary>Nobody acknowledged a notice, or the provider refuses our account: the authority's admins are told.</summary>
    [JsonStringEnumMemberName("admin-alert")]
    AdminAlert,

    /// <summary>A voice call to an admin when the SMS provider refuses our account: its body is what it says; no key to press.</summary>
    [JsonStringEnumMemberName("admin-call")]
    AdminCall,

    /// <summary>Confirms an acknowledgement to whoever sent it.</summary>
    [JsonStringEnumMemberName("confirmation")]
    Confirmation,

    /// <summary>Asks a responder to join a mission.</summary>
    [JsonStringEnumMemberName("dispatch-offer")]
    DispatchOffer,

    /// <summary>Tells a party's contact point on call of a change in the exchange it need not acknowledge (an amendment, a decision on its offer…).</summary>
    [JsonStringEnumMemberName("information")]
    Information,
}

/// <summary>What a purpose implies for sending.</summary>
public static class SmsPurposes
{
    /// <summary>Whether it is a voice call rather than an SMS.</summary>
    public static bool IsCall(this SmsPurpose purpose) => purpose is SmsPurpose.NoticeCall or SmsPurpose.AdminCall;

    /// <summary>Whether it belongs to a notice's paging (an SMS or a call), and so is withdrawn once the notice is closed.</summary>
    public static bool PagesFor(this SmsPurpose purpose) => purpose is SmsPurpose.Notice or SmsPurpose.NoticeCall;
}
