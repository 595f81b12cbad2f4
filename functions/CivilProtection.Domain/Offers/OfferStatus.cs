namespace CivilProtection.Domain.Offers;

/// <summary>Where one offer stands: inside the offering authority until it is sent, then with the requester.</summary>
public enum OfferStatus
{
    /// <summary>Prepared, waiting for the offering authority's own approval stages.</summary>
    PendingApproval,

    /// <summary>The offering authority's approver refused to send it.</summary>
    Rejected,

    /// <summary>Sent to the requester, awaiting its decision.</summary>
    Sent,

    /// <summary>The requester asked the offerer a question; the offer waits for the answer.</summary>
    QuestionAsked,

    /// <summary>The offerer took it back before a decision.</summary>
    Withdrawn,

    /// <summary>Every line accepted in full.</summary>
    Accepted,

    /// <summary>Some lines or part of their quantity accepted.</summary>
    PartiallyAccepted,

    /// <summary>The requester declined it, with a reason.</summary>
    Declined,

    /// <summary>The request was cancelled or closed before the offer was decided.</summary>
    Lapsed,
}

/// <summary>How an addressed authority has answered so far.</summary>
public enum AddresseeStatus
{
    /// <summary>Asked, no answer yet: its "offers to prepare" inbox holds the request.</summary>
    Asked,

    /// <summary>It declined to offer, with a reason.</summary>
    Declined,

    /// <summary>It prepared at least one offer.</summary>
    Offered,
}
