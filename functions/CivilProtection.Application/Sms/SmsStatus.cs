using System.Text.Json.Serialization;

namespace CivilProtection.Application.Sms;

/// <summary>
/// Where an <see cref="SmsRecord"/> stands: ours before the hand-over, then what Twilio's reports reduce to
/// (<see cref="SmsDeliveries.Normalize"/>). Stored by the names below, the strings rows written before it was a type
/// carry, so every stored SMS reads as it was written.
/// </summary>
public enum SmsStatus
{
    /// <summary>Waiting to be sent; the only status a send may start from.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>A send was attempted and its outcome is not known yet: never attempted again.</summary>
    [JsonStringEnumMemberName("sending")]
    Sending,

    /// <summary>The attempt's outcome stayed unknown (the process died during it): not sent again, to stay at most once.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,

    /// <summary>The provider refused it when asked to send it.</summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected,

    /// <summary>Handed over to the provider.</summary>
    [JsonStringEnumMemberName("sent")]
    Sent,

    [JsonStringEnumMemberName("delivered")]
    Delivered,

    [JsonStringEnumMemberName("failed")]
    Failed,

    [JsonStringEnumMemberName("undelivered")]
    Undelivered,

    /// <summary>Never sent: what it paged for was decided (or acknowledged) before it went out.</summary>
    [JsonStringEnumMemberName("withdrawn")]
    Withdrawn,
}

/// <summary>What a status implies.</summary>
public static class SmsStatuses
{
    /// <summary>
    /// Order of progress: final statuses outrank every other, so a late "sent" never overwrites "delivered" and reports
    /// arriving out of order never move a status backwards.
    /// </summary>
    public static int Rank(this SmsStatus status) => status switch
    {
        SmsStatus.Pending => 0,
        SmsStatus.Sending => 1,
        SmsStatus.Unknown => 2,
        SmsStatus.Sent => 3,
        _ => 4,
    };

    /// <summary>It did not reach its person: failed, undelivered, or refused by the provider.</summary>
    public static bool DidNotReach(this SmsStatus status) => status is SmsStatus.Failed or SmsStatus.Undelivered or SmsStatus.Rejected;
}
