namespace CivilProtection.Application.Costs;

/// <summary>
/// The body of <c>POST /api/requests/{id}/claims</c> (submit, for the caller's authority) and of
/// <c>PUT /api/requests/{id}/claims/{authorityId}</c> (revise: every line again, only disputed ones changed).
/// </summary>
public sealed class ClaimForm
{
    public List<ClaimLineForm>? Lines { get; set; }

    /// <summary>The claim's version the sender saw (revision only); a newer one refuses the revision.</summary>
    public int? Version { get; set; }
}

/// <summary>One line: <c>category</c> (personnel, transport, equipment, consumables, subsistence), what it pays for, how much, in what currency.</summary>
public sealed class ClaimLineForm
{
    public string? Category { get; set; }
    public string? Description { get; set; }
    public decimal? Amount { get; set; }
    public string? Currency { get; set; }

    /// <summary>Transport only: the EU Civil Protection Mechanism may co-finance it.</summary>
    public bool? EuMayCoFinance { get; set; }
}

/// <summary>The body of <c>POST …/claims/{authorityId}/review</c>: a decision on each line reviewed.</summary>
public sealed class ClaimReviewForm
{
    public List<LineVerdictForm>? Lines { get; set; }
    public int? Version { get; set; }
}

/// <summary>A decision on the line at <c>line</c> (from 0): <c>approve</c>, <c>partly-approve</c> (with <c>approvedAmount</c>) or <c>dispute</c>; a reason for the last two.</summary>
public sealed class LineVerdictForm
{
    public int? Line { get; set; }
    public string? Decision { get; set; }
    public decimal? ApprovedAmount { get; set; }
    public string? Reason { get; set; }
}

/// <summary>The body of <c>POST …/claims/{authorityId}/payment</c>: the requester's reference for its payment.</summary>
public sealed class ClaimPaymentForm
{
    public string? Reference { get; set; }
    public int? Version { get; set; }
}
