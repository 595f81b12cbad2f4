using CivilProtection.Domain.Requests;

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

/// <summary>The kebab-case names the API, storage and pages use for the vocabulary of cost claims.</summary>
public static class CostNames
{
    public static string Of(CostCategory category) => category.ToString().ToLowerInvariant();

    public static string Of(ClaimStatus status) => status switch
    {
        ClaimStatus.Submitted => "submitted",
        ClaimStatus.UnderReview => "under-review",
        ClaimStatus.Approved => "approved",
        _ => "paid",
    };

    public static string Of(LineReviewStatus status) => status switch
    {
        LineReviewStatus.Pending => "pending",
        LineReviewStatus.Approved => "approved",
        LineReviewStatus.PartlyApproved => "partly-approved",
        _ => "disputed",
    };

    public static bool TryParse(string? value, out CostCategory category) => WireNames.TryParse(value, Of, out category);

    public static bool TryParse(string? value, out ClaimStatus status) => WireNames.TryParse(value, Of, out status);
}

/// <summary>What a reviewer says of one line: approve it, approve part of it, or dispute it.</summary>
public enum LineDecision
{
    Approve,
    PartlyApprove,
    Dispute,
}

/// <summary>The wire names of <see cref="LineDecision"/>: <c>approve</c>, <c>partly-approve</c>, <c>dispute</c>.</summary>
public static class LineDecisionNames
{
    public static string Of(LineDecision decision) => decision switch
    {
        LineDecision.Approve => "approve",
        LineDecision.PartlyApprove => "partly-approve",
        _ => "dispute",
    };

    public static bool TryParse(string? value, out LineDecision decision) => WireNames.TryParse(value, Of, out decision);
}
