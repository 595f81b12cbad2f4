namespace CivilProtection.Domain.Dispatch;

/// <summary>The dispatch of responders for an approved request: what is needed, who was asked, what they answered.</summary>
public sealed record DispatchState(
    string RequestId,
    string MeetingPoint,
    DateTimeOffset ReportAt,
    TimeSpan AnswerWithin,
    IReadOnlyList<CapabilityNeed> Needs,
    IReadOnlyList<DispatchOffer> Offers,
    string StartedBy,
    DateTimeOffset StartedAt);

/// <summary>How many people a requested capability needs.</summary>
public sealed record CapabilityNeed(string Capability, int Needed);

/// <summary>One responder asked for one capability, and their answer.</summary>
public sealed record DispatchOffer(
    string PersonId,
    string PersonName,
    string Capability,
    OfferStatus Status,
    string SmsId,
    DateTimeOffset AskedAt,
    DateTimeOffset AnswerBy,
    DateTimeOffset? AnsweredAt);

/// <summary>Where an offer stands.</summary>
public enum OfferStatus
{
    Asked,
    Accepted,
    Declined,
    Silent,
}

/// <summary>Per capability: needed, asked, accepted, declined, silent, and still waiting for an answer.</summary>
public sealed record CapabilityCoverage(string Capability, int Needed, int Asked, int Accepted, int Declined, int Silent, int Waiting)
{
    public bool Covered => Accepted >= Needed;

    /// <summary>How many more people to ask so that, if all accept, the need is met.</summary>
    public int StillToAsk => Math.Max(0, Needed - Accepted - Waiting);
}
