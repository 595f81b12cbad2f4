using CivilProtection.Application.Directory;
using CivilProtection.Domain.Notices;
using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Notices;

/// <summary>
/// The exchange's notices: whom each pages (an asked partner's 24/7 contact point, the offering side's approver group,
/// the requester's contact point when an offer arrives) and when paging stops because the thing is done.
/// </summary>
public static class ExchangeNotices
{
    public static bool IsExchange(NoticeKind kind) => kind is NoticeKind.PartnerAsked or NoticeKind.OfferApproval or NoticeKind.OfferArrived;

    public static NoticeKind KindOf(int? stageIndex, string? offerId) => (offerId, stageIndex) switch
    {
        (not null, not null) => NoticeKind.OfferApproval,
        (not null, null) => NoticeKind.OfferArrived,
        _ => NoticeKind.PartnerAsked,
    };

    /// <summary>The authority and team a notice pages: contact points are each authority's <c>ContactTeam</c>.</summary>
    public static async Task<(string AuthorityId, string Team)> WhoAsync(
        IDirectory directory, AssistanceRequestState request, NoticeKind kind, int? stageIndex, string? authorityId, string? offerId, CancellationToken cancellationToken)
    {
        if (kind == NoticeKind.OfferApproval)
        {
            var stage = request.Offers.Single(o => o.OfferId == offerId).Stages[stageIndex!.Value];
            return (stage.AuthorityId, stage.ApproverGroup);
        }
        var paged = kind == NoticeKind.OfferArrived ? request.RequestingAuthorityId : authorityId!;
        return (paged, await directory.ContactTeamAsync(paged, cancellationToken));
    }

    /// <summary>Null while the notice is still needed, else why not.</summary>
    public static string? StillNeeded(NoticeState notice, AssistanceRequestState request)
    {
        if (request.Status != RequestStatus.Open)
        {
            return $"the request is {WireNames.Of(request.Status)}";
        }
        var offer = request.Offers.FirstOrDefault(o => o.OfferId == notice.OfferId);
        return notice.Kind switch
        {
            NoticeKind.PartnerAsked => request.ClosedToOffers ? "the request takes no further offer"
                : request.Addressees?.FirstOrDefault(a => a.AuthorityId == notice.AuthorityId) is { Status: AddresseeStatus.Asked } ? null
                : $"{notice.AuthorityId} has answered",
            NoticeKind.OfferApproval => offer is { Status: OfferStatus.PendingApproval } && offer.CurrentStageIndex == notice.StageIndex
                && offer.Stages[offer.CurrentStageIndex].OpenedAt <= notice.OpenedAt ? null
                : $"stage {notice.StageIndex + 1} of offer {notice.OfferId} is no longer waiting",
            _ => offer is { Status: OfferStatus.Sent } ? null : $"offer {notice.OfferId} is no longer waiting for a decision",
        };
    }
}
