namespace CivilProtection.Domain.Requests;

/// <summary>One line of a request's timeline: who did what, when, with what comment.</summary>
/// <param name="Sequence">Position in the request's timeline, from 1.</param>
/// <param name="Action">What happened, in the words of <see cref="AuditActions"/>.</param>
/// <param name="OfferId">The offer the event concerns: only its authority, and the requester once it is sent, see it.</param>
/// <param name="AuthorityId">The partner the event concerns (asked, declined to offer, told a line is no longer needed).</param>
public sealed record AuditEvent(
    int Sequence, DateTimeOffset At, string ActorId, string ActorName, string Action, string? Comment, int? StageIndex,
    string? OfferId = null, string? AuthorityId = null)
{
    /// <summary>For an amendment, the fields it changed (<see cref="RequestDetailsChanges"/>); null on every other event and on amendments recorded before.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Changes { get; init; }
}

/// <summary>The actions a timeline records.</summary>
public static class AuditActions
{
    public const string Submitted = "submitted";
    public const string StageOpened = "stage-opened";
    public const string StageApproved = "stage-approved";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Returned = "returned-for-information";
    public const string Resubmitted = "resubmitted";
    public const string Cancelled = "cancelled";
    public const string Dispatched = "dispatched";
    public const string Closed = "closed";

    /// <summary>The request went out to the partners it asks.</summary>
    public const string SentToPartners = "sent-to-partners";
    public const string DeclinedToOffer = "declined-to-offer";
    public const string OfferPrepared = "offer-prepared";
    public const string OfferStageOpened = "offer-stage-opened";
    public const string OfferStageApproved = "offer-stage-approved";
    public const string OfferRejected = "offer-rejected";
    public const string OfferSent = "offer-sent";
    public const string OfferWithdrawn = "offer-withdrawn";
    public const string OfferQuestionAsked = "offer-question-asked";
    public const string OfferQuestionAnswered = "offer-question-answered";
    public const string OfferAccepted = "offer-accepted";
    public const string OfferPartiallyAccepted = "offer-partially-accepted";
    public const string OfferDeclined = "offer-declined";
    public const string OfferLapsed = "offer-lapsed";

    /// <summary>A requested line is covered: an offerer whose offer for it is pending is told it is no longer needed.</summary>
    public const string LineNoLongerNeeded = "line-no-longer-needed";
    public const string Amended = "amended";
    public const string ClosedToOffers = "closed-to-offers";

    /// <summary>A coordinator started asking responders; on a request to partners, to fill its authority's commitments.</summary>
    public const string DispatchStarted = "dispatch-started";
    public const string ResponderAsked = "responder-asked";
    public const string ResponderAccepted = "responder-accepted";
    public const string ResponderDeclined = "responder-declined";
    public const string ResponderSilent = "responder-silent";
    public const string ResponderUnreachable = "responder-unreachable";

    /// <summary>Nobody free is left to ask for a need of the dispatch.</summary>
    public const string NoCandidateLeft = "no-candidate-left";

    /// <summary>A deployment's status was reported (mobilising, departed, arrived on site, ... returned).</summary>
    public const string DeploymentReported = "deployment-reported";

    /// <summary>The departed teams were not reported on site in time: their leader, then their authority's contact point, is paged.</summary>
    public const string DeploymentArrivalOverdue = "deployment-arrival-overdue";
    public const string DeploymentExtensionAsked = "deployment-extension-asked";
    public const string DeploymentExtensionStageApproved = "deployment-extension-stage-approved";
    public const string DeploymentExtended = "deployment-extended";
    public const string DeploymentExtensionDeclined = "deployment-extension-declined";
    public const string DeploymentReleased = "deployment-released";

    /// <summary>An assisting authority claimed the costs of its deployment, once home.</summary>
    public const string CostClaimSubmitted = "cost-claim-submitted";

    /// <summary>The requester approved, approved in part or disputed lines of a cost claim.</summary>
    public const string CostClaimReviewed = "cost-claim-reviewed";

    /// <summary>The assisting side revised the disputed lines of its cost claim.</summary>
    public const string CostClaimRevised = "cost-claim-revised";

    /// <summary>Every line of a cost claim is approved, in full or in part.</summary>
    public const string CostClaimApproved = "cost-claim-approved";
    public const string CostClaimPaid = "cost-claim-paid";

    /// <summary>A party wrote its after-action note on the request.</summary>
    public const string AfterActionNoted = "after-action-noted";

    /// <summary>A party's contact point on call was told of a change by SMS.</summary>
    public const string PartyInformed = "party-informed";

    /// <summary>
    /// Lines about a party's own people, shown to that party only: on a request to partners, whom a partner asks or
    /// tells is its own business, like its paging.
    /// </summary>
    public static bool IsAboutOwnPeople(string action) =>
        action is DispatchStarted or ResponderAsked or ResponderAccepted or ResponderDeclined or ResponderSilent or ResponderUnreachable or NoCandidateLeft
            or PartyInformed;

    /// <summary>An admin sent one of the request's dead-lettered messages back to its queue.</summary>
    public const string DeadLetterReplayed = "dead-letter-replayed";

    /// <summary>An admin removed one of the request's dead-lettered messages for good.</summary>
    public const string DeadLetterDiscarded = "dead-letter-discarded";
}
