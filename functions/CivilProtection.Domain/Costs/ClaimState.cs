namespace CivilProtection.Domain.Costs;

/// <summary>
/// One assisting authority's claim for the costs of its deployment on a request, and the requesting authority's
/// review of it, line by line. Only these two authorities are party to it.
/// </summary>
public sealed record ClaimState(
    string RequestId,
    string AuthorityId,
    string RequestingAuthorityId,
    ClaimStatus Status,
    IReadOnlyList<ClaimLine> Lines,
    DateTimeOffset SubmittedAt,
    string SubmittedBy,
    string SubmitterName)
{
    /// <summary>Steps on every change (1 once submitted), so that an act on a stale view of the claim is refused.</summary>
    public int Version { get; init; }

    /// <summary>The requester's record of the payment; null until paid.</summary>
    public ClaimPayment? Payment { get; init; }

    /// <summary>Whether the claim's lines say exactly <paramref name="lines"/>, in their order.</summary>
    public bool Claims(IReadOnlyList<ClaimLineDraft> lines) =>
        lines is not null && Lines.Count == lines.Count && Lines.Zip(lines).All(p => p.First.Says(p.Second));
}

/// <summary>
/// One line of a claim as the assisting side claims it. <paramref name="EuMayCoFinance"/> is only ever true on a
/// transport line: the EU Civil Protection Mechanism may co-finance the transport of assistance.
/// </summary>
public sealed record ClaimLine(CostCategory Category, string Description, decimal Amount, string Currency, bool EuMayCoFinance)
{
    /// <summary>The requester's word on the line; pending until reviewed, and again after a revision.</summary>
    public LineReview Review { get; init; } = LineReview.Pending;

    /// <summary>How many times the assisting side revised the line after a dispute (0: as first submitted).</summary>
    public int Revision { get; init; }

    /// <summary>The amount approved so far: all of it, part of it, or nothing while pending or disputed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public decimal Approved => Review.Status switch
    {
        LineReviewStatus.Approved => Amount,
        LineReviewStatus.PartlyApproved => Review.ApprovedAmount ?? 0m,
        _ => 0m,
    };

    /// <summary>Whether the line says the same as <paramref name="draft"/>.</summary>
    public bool Says(ClaimLineDraft draft) =>
        draft is not null && Category == draft.Category && Description == draft.Description && Amount == draft.Amount
        && Currency == draft.Currency && EuMayCoFinance == draft.EuMayCoFinance;
}

/// <summary>A line as the assisting side writes it, before it is part of a claim.</summary>
public sealed record ClaimLineDraft(CostCategory Category, string Description, decimal Amount, string Currency, bool EuMayCoFinance)
{
    public ClaimLine ToLine(int revision = 0) => new(Category, Description, Amount, Currency, EuMayCoFinance) { Revision = revision };
}

/// <summary>The requester's word on one line: who, when, how much was approved when only part was, and why.</summary>
public sealed record LineReview(LineReviewStatus Status, decimal? ApprovedAmount, string? Reason, string? By, string? ByName, DateTimeOffset? At)
{
    public static LineReview Pending { get; } = new(LineReviewStatus.Pending, null, null, null, null, null);
}

/// <summary>The requester paid the approved amounts: who recorded it, when, and its own reference for the payment.</summary>
public sealed record ClaimPayment(string By, string ByName, DateTimeOffset At, string? Reference);

/// <summary>A reviewer's decision on the line at <paramref name="Line"/> (from 0).</summary>
public sealed record LineVerdict(int Line, LineDecision Decision, decimal? ApprovedAmount, string? Reason);
