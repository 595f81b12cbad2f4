namespace CivilProtection.Domain.Requests;

/// <summary>A message a transition must send once it is committed; it travels through the outbox.</summary>
/// <param name="Kind">What the message says, in the words of <see cref="RequestMessageKinds"/>.</param>
/// <param name="Version">The request version that produced it: with the request id it names the message uniquely.</param>
/// <param name="AuthorityId">The partner a notice pages (asked for offers, or told of a change).</param>
/// <param name="OfferId">The offer whose stage opened, or which arrived at the requester.</param>
/// <param name="Action">What a partner is told of (<see cref="RequestMessageKinds.PartnerInformed"/>): the timeline action, e.g. <c>amended</c>.</param>
/// <param name="DueAt">When a scheduled check is delivered (<see cref="RequestMessageKinds.OffersDeadline"/>); null: at once.</param>
public sealed record RequestMessage(
    string Kind, string RequestId, int Version, int? StageIndex, string? AuthorityId = null, string? OfferId = null, string? Action = null, DateTimeOffset? DueAt = null)
{
    /// <summary>A stable id, so a re-sent message is dropped by the queue's duplicate detection.</summary>
    public string MessageId =>
        $"{RequestId}:{Version}:{Kind}" + (StageIndex is { } stage ? $":{stage}" : "") + (OfferId is { } offer ? $":{offer}" : "")
        + (AuthorityId is { } authority && OfferId is null ? $":{authority}" : "");
}

/// <summary>The kinds of message a request's transitions send.</summary>
public static class RequestMessageKinds
{
    /// <summary>A stage opened (or re-opened after a resubmission): route it to its approvers.</summary>
    public const string StageOpened = "stage-opened";

    /// <summary>The request changed: keep the lists and inboxes current.</summary>
    public const string RequestChanged = "request-changed";

    /// <summary>
    /// A party's 24/7 contact point is told by SMS of a change it need not act on at once: an amendment, closing, a
    /// cancellation, the decision on its offer, a line no longer needed, a question on its offer; the requester of a
    /// withdrawn offer.
    /// </summary>
    public const string PartnerInformed = "partner-informed";

    /// <summary>The deadline the requester set for offers fell due: the request takes no further offer.</summary>
    public const string OffersDeadline = "offers-deadline";

    /// <summary>A team must be paged: the approvers of a stage that opened, or the operations desk of an approved request.</summary>
    public const string NoticeRequested = "notice-requested";

    /// <summary>Something that may end a mission happened (a note, a deployment home, a claim paid): close the request if nothing is left.</summary>
    public const string MissionCheck = "mission-check";
}
