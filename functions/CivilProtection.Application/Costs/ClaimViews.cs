using CivilProtection.Domain.Costs;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Costs;

/// <summary>The cost claims on a request the caller's authority is party to, with their totals per currency, side by side.</summary>
public sealed record RequestClaimsView(string RequestId, string Reference, IReadOnlyList<ClaimView> Claims, IReadOnlyList<CurrencyTotal> Totals);

/// <summary>One cost claim as a party sees it.</summary>
/// <param name="AllowedActions">What the viewer may do now: revise, review, record-payment.</param>
public sealed record ClaimView(
    string RequestId,
    string AuthorityId,
    string RequestingAuthorityId,
    string Status,
    int Version,
    DateTimeOffset SubmittedAt,
    string SubmittedBy,
    string SubmitterName,
    IReadOnlyList<ClaimLineView> Lines,
    IReadOnlyList<CurrencyTotal> Totals,
    ClaimPayment? Payment,
    IReadOnlyList<string> AllowedActions)
{
    public static ClaimView Of(ClaimState claim, IReadOnlyList<string> allowedActions) => new(
        claim.RequestId, claim.AuthorityId, claim.RequestingAuthorityId, WireNames.Of(claim.Status), claim.Version, claim.SubmittedAt, claim.SubmittedBy,
        claim.SubmitterName, claim.Lines.Select(ClaimLineView.Of).ToList(), ClaimTotals.Of([claim]), claim.Payment, allowedActions);
}

/// <summary>One line of a claim and the requester's word on it.</summary>
public sealed record ClaimLineView(
    int Line, string Category, string Description, decimal Amount, string Currency, bool EuMayCoFinance, int Revision, ClaimLineReviewView Review)
{
    public static ClaimLineView Of(ClaimLine line, int index) => new(
        index, WireNames.Of(line.Category), line.Description, line.Amount, line.Currency, line.EuMayCoFinance, line.Revision,
        new ClaimLineReviewView(WireNames.Of(line.Review.Status), line.Review.ApprovedAmount, line.Review.Reason, line.Review.By, line.Review.ByName, line.Review.At));
}

/// <summary>The review of a line: pending, approved, partly-approved (with the amount approved) or disputed, and why.</summary>
public sealed record ClaimLineReviewView(string Status, decimal? ApprovedAmount, string? Reason, string? By, string? ByName, DateTimeOffset? At);

/// <summary>
/// The caller's authority's claims across requests, per other party and per currency (never converted): as the
/// assisting side (what it claimed from each requester) and as the requester (what each partner claimed from it).
/// </summary>
public sealed record AuthorityClaimTotals(string AuthorityId, IReadOnlyList<PartyTotal> AsAssisting, IReadOnlyList<PartyTotal> AsRequesting);

/// <summary>Claims with one other party in one currency: how many, claimed, approved, paid.</summary>
public sealed record PartyTotal(string AuthorityId, string Currency, int Claims, decimal Claimed, decimal Approved, decimal Paid);
