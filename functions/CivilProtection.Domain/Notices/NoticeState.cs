using System.Text.Json.Serialization;

namespace CivilProtection.Domain.Notices;

/// <summary>
/// An on-call notice: a team of an authority must act on a request (decide a stage, or prepare assistance), and
/// its people are paged by SMS, tier after tier, until one of them acknowledges.
/// </summary>
/// <param name="Step">Counts pagings (1 = the first tier of the first round); a scheduled check names the step it guards.</param>
/// <param name="Position">Index, in the roster's ordered tiers at paging time, of the tier paged at this step.</param>
public sealed record NoticeState(
    string NoticeId,
    string RequestId,
    NoticeKind Kind,
    int? StageIndex,
    string AuthorityId,
    string Team,
    string Code,
    NoticeStatus Status,
    int Step,
    int Round,
    int Position,
    DateTimeOffset OpenedAt,
    DateTimeOffset? EscalatesAt,
    IReadOnlyList<NoticeAttempt> Attempts,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedVia)
{
    /// <summary>The offer a notice of the exchange is about (its approval stage, or its arrival at the requester).</summary>
    public string? OfferId { get; init; }

    /// <summary>
    /// Someone paged before the team's tiers, at every round: the leader of departed teams whose arrival is overdue,
    /// before their authority's contact point.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LeaderId { get; init; }
}

/// <summary>Where a notice stands.</summary>
public enum NoticeStatus
{
    /// <summary>Paging: waiting for an acknowledgement.</summary>
    Open,

    /// <summary>Someone acknowledged; paging stopped.</summary>
    Acknowledged,

    /// <summary>Every tier was paged for every round; the authority's admins were alerted.</summary>
    Exhausted,

    /// <summary>No longer needed (the stage was decided, the request withdrawn); paging stopped.</summary>
    Resolved,
}

/// <summary>One SMS of a notice: to whom, at which step, and what became of it.</summary>
public sealed record NoticeAttempt(string SmsId, string PersonId, int Step, int Round, int Tier, DateTimeOffset SentAt, string Delivery);

/// <summary>The kinds of notice, stored and shown by the names below (those stored rows already carry).</summary>
public enum NoticeKind
{
    /// <summary>An approval stage opened: its approver group must decide.</summary>
    [JsonStringEnumMemberName("stage-approval")]
    StageApproval,

    /// <summary>A request was approved: the assisting authority's operations duty desk must prepare the dispatch.</summary>
    [JsonStringEnumMemberName("assistance-approved")]
    AssistanceApproved,

    /// <summary>A request to partners went out: an asked partner's 24/7 contact point must look at it.</summary>
    [JsonStringEnumMemberName("partner-asked")]
    PartnerAsked,

    /// <summary>An offer was prepared: an approval stage of the offering authority must decide it.</summary>
    [JsonStringEnumMemberName("offer-approval")]
    OfferApproval,

    /// <summary>An offer was sent (or its question answered): the requesting authority's contact point must decide it.</summary>
    [JsonStringEnumMemberName("offer-arrived")]
    OfferArrived,

    /// <summary>Departed teams were not reported on site in time: their leader, then their authority's contact point, must say where they are.</summary>
    [JsonStringEnumMemberName("arrival-overdue")]
    ArrivalOverdue,

    /// <summary>Nobody acknowledged: the authority's admins are told.</summary>
    [JsonStringEnumMemberName("admin-alert")]
    AdminAlert,
}

/// <summary>How a notice was acknowledged (<see cref="NoticeState.AcknowledgedVia"/>).</summary>
public static class NoticeChannels
{
    /// <summary>On the request page.</summary>
    public const string Web = "web";

    /// <summary>By replying its code to the SMS.</summary>
    public const string Sms = "sms";

    /// <summary>By pressing 1 during the voice call.</summary>
    public const string Voice = "voice";
}
