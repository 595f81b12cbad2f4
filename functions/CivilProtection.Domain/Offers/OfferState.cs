using System.Text.Json.Serialization;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Offers;

/// <summary>
/// One authority's offer on a request, stored inside the request's snapshot so that an acceptance, the coverage it
/// changes and the notices to other offerers commit as one act.
/// </summary>
/// <param name="OfferId">Unique within the request: the offering authority and a sequence number.</param>
/// <param name="Unsolicited">The offering authority was not addressed by the request.</param>
/// <param name="Stages">The offering authority's own approval stages, copied from the partnership when prepared.</param>
/// <param name="Version">Steps on every change of this offer, so a decision on a stale view of it is refused.</param>
/// <param name="Question">The requester's open question, while <see cref="OfferStatus.QuestionAsked"/>.</param>
/// <param name="Reason">Why it was rejected, withdrawn or declined.</param>
public sealed record OfferState(
    string OfferId,
    string AuthorityId,
    bool Unsolicited,
    OfferStatus Status,
    IReadOnlyList<OfferLine> Lines,
    PointOfContact Contact,
    IReadOnlyList<Stage> Stages,
    int CurrentStageIndex,
    int Version,
    string PreparedBy,
    DateTimeOffset PreparedAt,
    DateTimeOffset? SentAt = null,
    string? Question = null,
    string? Reason = null,
    string? DecidedBy = null,
    DateTimeOffset? DecidedAt = null)
{
    /// <summary>The EDXL-RM MessageID the offer came in on, when a partner's system sent it; a repeat of it changes nothing.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MessageId { get; init; }

    /// <summary>The EDXL-RM MessageID of the CommitResource that decided it, when the requester's system sent one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DecisionMessageId { get; init; }

    /// <summary>Sent and not yet decided: the requester's "offers to decide" inbox holds it.</summary>
    [JsonIgnore]
    public bool AwaitsRequester => Status is OfferStatus.Sent or OfferStatus.QuestionAsked;

    /// <summary>Not decided yet, on either side: it may still be withdrawn, and its authority may not offer again meanwhile.</summary>
    [JsonIgnore]
    public bool Undecided => Status is OfferStatus.PendingApproval or OfferStatus.Sent or OfferStatus.QuestionAsked;

    /// <summary>Still alive: neither refused, withdrawn, declined nor lapsed.</summary>
    [JsonIgnore]
    public bool IsLive => Undecided || Status is OfferStatus.Accepted or OfferStatus.PartiallyAccepted;

    /// <summary>Seen by the requester: only what the offering authority has sent.</summary>
    [JsonIgnore]
    public bool WasSent => SentAt is not null;
}

/// <summary>An addressed authority and its answer so far.</summary>
public sealed record Addressee(string AuthorityId, AddresseeStatus Status, string? Reason = null, string? AnsweredBy = null, DateTimeOffset? AnsweredAt = null);

/// <summary>The requester's decision on one line of an offer: how many of it are accepted (0 declines the line).</summary>
public sealed record LineAcceptance(int OfferLine, int Quantity);
