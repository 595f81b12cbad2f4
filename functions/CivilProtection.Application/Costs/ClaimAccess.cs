using CivilProtection.Application.Identity;
using CivilProtection.Application.Problems;
using CivilProtection.Domain.Costs;

namespace CivilProtection.Application.Costs;

/// <summary>
/// Who sees and does what with cost claims. Only the two parties to a claim see it: to anybody else (a third partner
/// on the same request included) it is a claim that does not exist. The assisting side's coordinators and admins
/// submit and revise; the requester's approvers review; its admins and approvers record the payment.
/// </summary>
public static class ClaimAccess
{
    public static bool IsParty(Caller caller, ClaimState claim) =>
        caller.AuthorityId == claim.AuthorityId || caller.AuthorityId == claim.RequestingAuthorityId;

    /// <summary>The claim, when the caller's authority is party to it; otherwise, as when there is none, not found.</summary>
    public static ClaimState RequireVisible(Caller caller, ClaimState? claim, string requestId, string authorityId) =>
        claim is not null && IsParty(caller, claim) ? claim : throw new NotFoundException($"No cost claim of {authorityId} on request {requestId} is visible to you.");

    public static bool CanClaim(Caller caller, string authorityId) =>
        caller.AuthorityId == authorityId && (caller.IsIn(Roles.Coordinator) || caller.IsIn(Roles.Admin));

    public static bool CanReview(Caller caller, ClaimState claim) => caller.AuthorityId == claim.RequestingAuthorityId && caller.IsIn(Roles.Approver);

    public static bool CanRecordPayment(Caller caller, ClaimState claim) =>
        caller.AuthorityId == claim.RequestingAuthorityId && (caller.IsIn(Roles.Approver) || caller.IsIn(Roles.Admin));

    public static void Require(bool allowed, string who)
    {
        if (!allowed)
        {
            throw new AccessDeniedException($"Only {who}.");
        }
    }

    /// <summary>What the viewer may do with the claim now: <c>revise</c>, <c>review</c>, <c>record-payment</c>.</summary>
    public static IReadOnlyList<string> AllowedActions(Caller caller, ClaimState claim)
    {
        var actions = new List<string>();
        if (CanClaim(caller, claim.AuthorityId) && claim.Status == ClaimStatus.UnderReview && claim.Lines.Any(l => l.Review.Status == LineReviewStatus.Disputed))
        {
            actions.Add("revise");
        }
        if (CanReview(caller, claim) && claim.Status is ClaimStatus.Submitted or ClaimStatus.UnderReview && claim.Lines.Any(l => l.Review.Status == LineReviewStatus.Pending))
        {
            actions.Add("review");
        }
        if (CanRecordPayment(caller, claim) && claim.Status == ClaimStatus.Approved)
        {
            actions.Add("record-payment");
        }
        return actions;
    }
}
