using System.Xml.Linq;
using CivilProtection.Application.Deployments;
using CivilProtection.Application.Directory;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Offers;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;
using static CivilProtection.Application.Interop.EdxlRmNames;

namespace CivilProtection.Application.Interop;

/// <summary>
/// A request as the EDXL-RM messages it stands for, as far as the reader may see it: the RequestResource, each sent offer
/// the reader sees, each decision on those, each question and answer about them, and the deployments the reader sees
/// (their status reports, return and release), in the order they happened.
/// </summary>
public sealed class EdxlRmExport(IRequestStore store, IDirectory directory)
{
    public async Task<XDocument> ExportAsync(Caller caller, string requestId, CancellationToken cancellationToken)
    {
        var loaded = await store.FindAsync(requestId, cancellationToken) ?? throw new NotFoundException($"There is no request {requestId}.");
        var request = loaded.Request.State;
        RequestAccess.RequireVisible(caller, request);
        var timeline = OfferAccess.VisibleTimeline(caller, request, await store.ReadTimelineAsync(requestId, cancellationToken));
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var authorityId in request.PartyAuthorityIds.Distinct())
        {
            names[authorityId] = (await directory.FindAuthorityAsync(authorityId, cancellationToken))?.Name ?? authorityId;
        }
        var requester = names[request.RequestingAuthorityId];
        var messages = new List<(DateTimeOffset At, XElement Message)>
        {
            (request.SentAt ?? request.FiledAt, EdxlRmWriter.RequestResource(request, requester)),
        };
        foreach (var offer in OfferAccess.VisibleOffers(caller, request).Where(o => o.WasSent))
        {
            messages.Add((offer.SentAt!.Value, EdxlRmWriter.Offer(request, offer, names[offer.AuthorityId])));
            messages.AddRange(QuestionsAndAnswers(request, offer, timeline, requester, names[offer.AuthorityId]));
            if (offer.Status is OfferStatus.Accepted or OfferStatus.PartiallyAccepted or OfferStatus.Declined)
            {
                messages.Add((offer.DecidedAt ?? request.UpdatedAt, EdxlRmWriter.Commit(request, offer, requester)));
            }
        }
        foreach (var deployment in await store.ListDeploymentsAsync(requestId, cancellationToken))
        {
            if (DeploymentAccess.CanSee(caller, request, deployment.Value.AuthorityId))
            {
                messages.AddRange(EdxlRmDeploymentWriter.Messages(request, deployment.Value, names[deployment.Value.AuthorityId], requester));
            }
        }
        return new XDocument(new XElement(Export + "Messages",
            new XAttribute("requestId", request.Id),
            new XAttribute("reference", request.Reference),
            new XAttribute(XNamespace.Xmlns + "rm", Rm.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "xpil", Xpil.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "xnl", Xnl.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "xal", Xal.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "gml", Gml.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "msg", Msg.NamespaceName),
            messages.OrderBy(m => m.At).Select(m => m.Message)));
    }

    // Each question is answered by the next answer on the same offer's timeline.
    private static IEnumerable<(DateTimeOffset, XElement)> QuestionsAndAnswers(
        AssistanceRequestState request, OfferState offer, IReadOnlyList<AuditEvent> timeline, string requester, string offerer)
    {
        AuditEvent? open = null;
        foreach (var e in timeline.Where(e => e.OfferId == offer.OfferId))
        {
            if (e.Action == AuditActions.OfferQuestionAsked)
            {
                open = e;
                yield return (e.At, EdxlRmWriter.Question(request, offer, e, requester));
            }
            else if (e.Action == AuditActions.OfferQuestionAnswered && open is not null)
            {
                yield return (e.At, EdxlRmWriter.Answer(request, offer, open, e, offerer));
                open = null;
            }
        }
    }
}
