using CivilProtection.Application.Identity;
using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Offers;

/// <summary>
/// Who sees which offer: its own authority always; the requester once it is sent; another offerer never (it sees only
/// the coverage totals). The timeline follows the same rule, line by line.
/// </summary>
public static class OfferAccess
{
    public static bool CanSee(Caller caller, AssistanceRequestState request, string offerId) =>
        request.Offers.FirstOrDefault(o => o.OfferId == offerId) is { } offer && CanSee(caller, request, offer);

    public static bool CanSee(Caller caller, AssistanceRequestState request, OfferState offer) =>
        caller.AuthorityId == offer.AuthorityId || (caller.AuthorityId == request.RequestingAuthorityId && offer.WasSent);

    /// <summary>The offers the caller may see.</summary>
    public static IReadOnlyList<OfferState> VisibleOffers(Caller caller, AssistanceRequestState request) =>
        request.Offers.Where(o => CanSee(caller, request, o)).ToList();

    /// <summary>
    /// The timeline lines the caller may see: a line about an offer only if it sees the offer (and, for the requester,
    /// not the offering side's internal stages); a line about one partner only for that partner and the requester,
    /// except the lines about its own people (whom it dispatched, whom it told by SMS), which only it sees.
    /// </summary>
    public static IReadOnlyList<AuditEvent> VisibleTimeline(Caller caller, AssistanceRequestState request, IReadOnlyList<AuditEvent> timeline) =>
        timeline.Where(e => e.OfferId switch
        {
            null => e.AuthorityId is null || e.AuthorityId == caller.AuthorityId
                || (caller.AuthorityId == request.RequestingAuthorityId && !AuditActions.IsAboutOwnPeople(e.Action)),
            { } offerId when request.Offers.FirstOrDefault(o => o.OfferId == offerId) is { } offer =>
                caller.AuthorityId == offer.AuthorityId
                || (caller.AuthorityId == request.RequestingAuthorityId && offer.WasSent && !IsInternal(e, offer)),
            _ => false,
        }).ToList();

    // The offering side's own preparation and approval, before it sent the offer, is its business.
    private static bool IsInternal(AuditEvent e, OfferState offer) =>
        e.Action is AuditActions.OfferStageOpened or AuditActions.OfferStageApproved or AuditActions.OfferRejected
        || (e.Action == AuditActions.OfferPrepared && e.At < offer.SentAt);
}
