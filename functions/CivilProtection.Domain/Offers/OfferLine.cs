namespace CivilProtection.Domain.Offers;

/// <summary>
/// What an offer gives against one requested line: how many (less or more than asked), or another type as an
/// alternative, when it can arrive, for how long, on what terms, at what estimated cost.
/// </summary>
/// <param name="RequestLine">Index of the requested line (capability) this answers.</param>
/// <param name="Code">The catalogue code offered: the requested one, or another as an alternative.</param>
/// <param name="Accepted">How many the requester accepted; null until it decides.</param>
/// <param name="NoLongerNeeded">The requested line was covered by other offers before this one was decided.</param>
public sealed record OfferLine(
    int RequestLine,
    string Code,
    int Quantity,
    DateTimeOffset EarliestArrival,
    int DurationDays,
    bool SelfSufficient,
    string? Conditions,
    Money? EstimatedCost,
    int? Accepted = null,
    bool NoLongerNeeded = false);

/// <summary>An amount in an ISO 4217 currency; amounts in different currencies are never added together.</summary>
public sealed record Money(decimal Amount, string Currency);
