namespace CivilProtection.Domain.Dispatch;

/// <summary>The dispatch of one authority's responders for a request: what is needed, who was asked, what they answered.</summary>
/// <param name="AuthorityId">
/// The authority whose responders are asked: for a request to partners, the one whose commitments (accepted offer
/// lines) this dispatch fills; null for a request through a two-sided route (every row stored before), whose
/// assisting authority it is.
/// </param>
public sealed record DispatchState(
    string RequestId,
    string MeetingPoint,
    DateTimeOffset ReportAt,
    TimeSpan AnswerWithin,
    IReadOnlyList<CapabilityNeed> Needs,
    IReadOnlyList<DispatchOffer> Offers,
    string StartedBy,
    DateTimeOffset StartedAt,
    string? AuthorityId = null);

/// <summary>How many people a requested capability needs, in one role of its team when its composition says.</summary>
/// <param name="Role">A role of the module's team composition (<c>pump-operator</c>); null where people are counted without one.</param>
public sealed record CapabilityNeed(string Capability, int Needed, string? Role = null)
{
    /// <summary>Whether a person asked for <paramref name="capability"/> in <paramref name="role"/> fills this need.</summary>
    public bool Is(string capability, string? role) => Capability == capability && Role == role;
}

/// <summary>One responder asked for one capability (in one role of its team), and their answer.</summary>
public sealed record DispatchOffer(
    string PersonId,
    string PersonName,
    string Capability,
    OfferStatus Status,
    string SmsId,
    DateTimeOffset AskedAt,
    DateTimeOffset AnswerBy,
    DateTimeOffset? AnsweredAt,
    string? Role = null);

/// <summary>Where an offer stands.</summary>
public enum OfferStatus
{
    Asked,
    Accepted,
    Declined,
    Silent,
}

/// <summary>Per capability (and role): needed, asked, accepted, declined, silent, and still waiting for an answer.</summary>
public sealed record CapabilityCoverage(string Capability, int Needed, int Asked, int Accepted, int Declined, int Silent, int Waiting, string? Role = null)
{
    public bool Covered => Accepted >= Needed;

    /// <summary>How many more people to ask so that, if all accept, the need is met.</summary>
    public int StillToAsk => Math.Max(0, Needed - Accepted - Waiting);
}
