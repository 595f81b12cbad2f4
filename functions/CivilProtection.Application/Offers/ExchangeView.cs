using CivilProtection.Application.Identity;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Zones;
using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Offers;

/// <summary>
/// A request's exchange as one viewer may see it: the partners asked (the requester sees every answer, a partner its own),
/// the offers it may see, the coverage of every line (totals only), and what it may do now.
/// </summary>
/// <param name="OffersBy">The deadline for offers the requester set, if any; <paramref name="OffersByLocal"/> on each party's clock.</param>
public sealed record ExchangeView(
    IReadOnlyList<AddresseeView> Addressees, IReadOnlyList<PartnerOfferView> Offers, IReadOnlyList<LineCoverage> Coverage, bool ClosedToOffers, DateTimeOffset? SentAt,
    DateTimeOffset? OffersBy = null, IReadOnlyList<LocalTimeView>? OffersByLocal = null)
{
    public static ExchangeView? Of(Caller caller, AssistanceRequestState request, ConcernedZones zones)
    {
        if (!request.IsExchange)
        {
            return null;
        }
        var isRequester = caller.AuthorityId == request.RequestingAuthorityId;
        return new ExchangeView(
            request.Addressees!.Where(a => isRequester || a.AuthorityId == caller.AuthorityId)
                .Select(a => new AddresseeView(a.AuthorityId, WireNames.Of(a.Status), a.Reason, a.AnsweredAt)).ToList(),
            OfferAccess.VisibleOffers(caller, request).Select(o => PartnerOfferView.Of(caller, request, o, zones)).ToList(),
            LineCoverage.Of(request),
            request.ClosedToOffers,
            request.SentAt,
            request.OffersBy,
            zones.At(request.OffersBy));
    }

    /// <summary>What the viewer may do on the request as a whole, in the exchange.</summary>
    public static IEnumerable<string> AllowedActions(Caller caller, AssistanceRequestState request)
    {
        if (!request.IsExchange || request.Status != RequestStatus.Open)
        {
            yield break;
        }
        if (RequestAccess.IsRequester(caller, request))
        {
            yield return RequestActions.Amend;
            if (!request.ClosedToOffers)
            {
                yield return RequestActions.CloseToOffers;
            }
            yield return RequestActions.Close;
            yield return RequestActions.Cancel;
            yield break;
        }
        if (!caller.IsIn(Roles.Coordinator))
        {
            yield break;
        }
        if (Domain.Dispatch.CommitmentNeeds.CommitmentsOf(request, caller.AuthorityId).Count > 0)
        {
            // Its accepted lines are commitments: its coordinators ask responders to fill them.
            yield return RequestActions.Dispatch;
        }
        if (!request.ClosedToOffers)
        {
            if (!request.Offers.Any(o => o.AuthorityId == caller.AuthorityId && o.Undecided))
            {
                yield return RequestActions.Offer;
            }
            if (request.Addressees!.Any(a => a.AuthorityId == caller.AuthorityId && a.Status == AddresseeStatus.Asked))
            {
                yield return RequestActions.DeclineToOffer;
            }
        }
    }
}

/// <summary>An asked partner and its answer so far.</summary>
public sealed record AddresseeView(string AuthorityId, string Status, string? Reason, DateTimeOffset? AnsweredAt);

/// <summary>One offer as its viewer may see it; the offering side's stages only to that side.</summary>
public sealed record PartnerOfferView(
    string OfferId, string AuthorityId, bool Unsolicited, string Status, int Version, IReadOnlyList<OfferLine> Lines, PointOfContact Contact,
    IReadOnlyList<StageView> Stages, int CurrentStageIndex, DateTimeOffset PreparedAt, DateTimeOffset? SentAt, string? Question, string? Reason,
    DateTimeOffset? DecidedAt, IReadOnlyList<string> AllowedActions)
{
    public static PartnerOfferView Of(Caller caller, AssistanceRequestState request, OfferState o, ConcernedZones zones)
    {
        var own = caller.AuthorityId == o.AuthorityId;
        return new(o.OfferId, o.AuthorityId, o.Unsolicited, WireNames.Of(o.Status), o.Version, o.Lines, o.Contact,
            own ? o.Stages.Select(s => StageView.Of(s, zones)).ToList() : [], o.CurrentStageIndex, o.PreparedAt, o.SentAt, o.Question, o.Reason, o.DecidedAt,
            Actions(caller, request, o).ToList());
    }

    private static IEnumerable<string> Actions(Caller caller, AssistanceRequestState request, OfferState o)
    {
        var open = request.Status == RequestStatus.Open;
        if (open && o.Status == OfferStatus.PendingApproval && RequestAccess.CanDecide(caller, o.Stages[o.CurrentStageIndex]))
        {
            yield return RequestActions.Approve;
            yield return RequestActions.Reject;
        }
        var offerer = caller.IsIn(Roles.Coordinator) && caller.AuthorityId == o.AuthorityId;
        if (offerer && o.Undecided)
        {
            yield return RequestActions.Withdraw;
        }
        if (offerer && o.Status == OfferStatus.QuestionAsked)
        {
            yield return RequestActions.Answer;
        }
        if (open && o.AwaitsRequester && RequestAccess.IsRequester(caller, request))
        {
            if (o.Status == OfferStatus.Sent)
            {
                yield return RequestActions.Ask;
            }
            yield return RequestActions.Decide;
        }
    }
}
