using System.Xml.Linq;
using CivilProtection.Domain.Deployments;
using CivilProtection.Domain.Dispatch;
using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;
using static CivilProtection.Application.Interop.EdxlRmNames;

namespace CivilProtection.Application.Interop;

/// <summary>
/// Writes one authority's deployment as the EDXL-RM messages it stands for: a ReportResourceDeploymentStatus per status
/// report, a RequestReturn when the assisting side took its teams home before the requester released them, and a
/// ReleaseResource for the requester's release. Each follows the commitment (PrecedingMessageID: the CommitResource of
/// the authority's first accepted offer) and names every accepted offer line as a resource; see <c>docs/interop.md</c>.
/// </summary>
public static class EdxlRmDeploymentWriter
{
    public static IEnumerable<(DateTimeOffset At, XElement Message)> Messages(
        AssistanceRequestState request, DeploymentState deployment, string offererName, string requesterName)
    {
        var commitments = CommitmentNeeds.CommitmentsOf(request, deployment.AuthorityId);
        if (commitments.Count == 0)
        {
            yield break;
        }
        var origin = EdxlRmWriter.OriginOf(request);
        var preceding = EdxlRmWriter.CommitMessageId(request, commitments[0]);
        XElement Offerer() => EdxlRmWriter.Contact("RespondingOrg", commitments[0].Contact, deployment.AuthorityId, offererName);
        for (var i = 0; i < deployment.Reports.Count; i++)
        {
            var report = deployment.Reports[i];
            yield return (report.At, EdxlRmWriter.Message(EdxlRmMessageKind.ReportResourceDeploymentStatus,
                report.MessageId ?? EdxlRmMessageIds.Report(request.Id, deployment.AuthorityId, i + 1), report.At, report.Comment, origin, preceding,
                request, [Offerer()], Lines(request, commitments, WireNames.Of(report.Status), () => SchedulesOf(report))));
            if (report.Status == DeploymentStatus.Demobilising && !(deployment.Release?.At <= report.At))
            {
                yield return (report.At, EdxlRmWriter.Message(EdxlRmMessageKind.RequestReturn,
                    EdxlRmMessageIds.Return(request.Id, deployment.AuthorityId), report.At, report.Comment, origin, preceding, request, [Offerer()],
                    Lines(request, commitments, status: null, () => [EdxlRmWriter.Schedule("RequestedReturnDeparture", report.At, location: null)])));
            }
        }
        if (deployment.Release is { } release)
        {
            yield return (release.At, EdxlRmWriter.Message(EdxlRmMessageKind.ReleaseResource,
                release.MessageId ?? EdxlRmMessageIds.Release(request.Id, deployment.AuthorityId), release.At, release.Comment, origin, preceding, request,
                [EdxlRmWriter.Contact("Requester", request.Details.Contact, request.RequestingAuthorityId, requesterName)],
                Lines(request, commitments, status: null, () => [])));
        }
    }

    /// <summary>The standard's own schedule words for what a status says happened, the estimated arrival, and the latest position.</summary>
    public static string? HappenedScheduleOf(DeploymentStatus status) => status switch
    {
        DeploymentStatus.Departed => "ActualDeparture",
        DeploymentStatus.ArrivedOnSite => "ActualArrival",
        DeploymentStatus.Demobilising => "ActualReturnDeparture",
        DeploymentStatus.Returned => "ActualReturnArrival",
        _ => null,
    };

    private static IEnumerable<XElement> SchedulesOf(StatusReport report)
    {
        if (HappenedScheduleOf(report.Status) is { } happened)
        {
            yield return EdxlRmWriter.Schedule(happened, report.At, location: null);
        }
        if (report.ExpectedArrival is { } eta)
        {
            yield return EdxlRmWriter.Schedule("EstimatedArrival", eta, location: null);
        }
        yield return EdxlRmWriter.Schedule("Current", report.At,
            report.Where is { } where ? new XElement(Msg + "Location", EdxlRmWriter.TargetArea(where.Latitude, where.Longitude)) : null);
    }

    // Every accepted line of the authority's offers is a resource of the deployment, named as its commitment named it.
    private static IEnumerable<XElement> Lines(
        AssistanceRequestState request, IReadOnlyList<OfferState> commitments, string? status, Func<IEnumerable<XElement>> schedules)
    {
        var catalogue = CatalogueVersions.Find(request.CatalogueVersion) ?? CatalogueVersions.Current;
        return commitments
            .SelectMany(offer => offer.Lines.Select((line, i) => (Offer: offer, Line: line, Index: i)))
            .Where(l => l.Line.Accepted > 0)
            .Select(l =>
            {
                var type = EdxlRmWriter.TypeOf(request, l.Line);
                return new XElement(Msg + "ResourceInformation",
                    new XElement(Msg + "ResourceInfoElementID", EdxlRmWriter.OfferLineId(l.Offer, l.Index)),
                    new XElement(Msg + "Resource",
                        EdxlRmWriter.ResourceType(type, catalogue),
                        status is null ? null : new XElement(Msg + "ResourceStatus", EdxlRmWriter.ValueList("DeploymentStatus", EdxlRmValueLists.DeploymentStatus, status))),
                    new XElement(Msg + "AssignmentInformation", EdxlRmWriter.Quantity("Quantity", l.Line.Accepted ?? 0, EdxlRmWriter.UnitOf(type, catalogue))),
                    schedules());
            });
    }
}
