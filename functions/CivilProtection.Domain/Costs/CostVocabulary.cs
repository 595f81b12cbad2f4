namespace CivilProtection.Domain.Costs;

/// <summary>What a line of a cost claim pays for.</summary>
public enum CostCategory
{
    Personnel,
    Transport,
    Equipment,
    Consumables,
    Subsistence,
}

/// <summary>Where a cost claim stands: submitted, under review by the requester, approved (every line settled), paid.</summary>
public enum ClaimStatus
{
    Submitted,
    UnderReview,
    Approved,
    Paid,
}

/// <summary>The requester's word on one line: not yet reviewed, approved in full, approved for less, or disputed.</summary>
public enum LineReviewStatus
{
    Pending,
    Approved,
    PartlyApproved,
    Disputed,
}

/// <summary>What a reviewer says of one line: approve it, approve part of it, or dispute it.</summary>
public enum LineDecision
{
    Approve,
    PartlyApprove,
    Dispute,
}
