using CivilProtection.Application.Deployments;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Indexes;
using CivilProtection.Application.Notices;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Rosters;
using CivilProtection.Domain.Notices;
using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;
using Microsoft.Extensions.Options;

namespace CivilProtection.Application.Situation;

/// <summary>
/// Puts together an authority's situation (<see cref="SituationView"/>) for anyone signed in of it, from what is
/// already kept for the other pages: its list index narrowed to the requests in progress (never its closed history),
/// one read of each of the newest of them, its deployment board and its rosters.
/// </summary>
public sealed class SituationPicture(
    IRequestStore store, IRequestIndex index, DeploymentBoards boards, RosterAdministration rosters, IOptions<MapOptions> map, TimeProvider clock)
{
    /// <summary>The most requests the picture reads and shows (the newest); the counts cover every request in progress.</summary>
    public const int MaxShown = 100;

    // More in progress than this is not a situation a page can show; counting stops there rather than reading on.
    private const int MaxCounted = 2_000;

    private static readonly IReadOnlyList<RequestStatus> InProgressStatuses = RequestStatuses.InProgress;

    public async Task<SituationView> ForAsync(Caller caller, CancellationToken cancellationToken)
    {
        var listed = await index.InProgressAsync(caller.AuthorityId, MaxCounted, cancellationToken);
        var shown = listed.Take(MaxShown).ToList();
        var found = await Task.WhenAll(shown.Select(e => store.FindAsync(e.RequestId, cancellationToken)));
        var requests = found.Where(f => f is not null).Select(f => f!.Request.State).Where(r => RequestAccess.CanSee(caller, r)).ToList();
        var onCall = rosters.ListRostersAsync(caller, cancellationToken);
        var notices = Task.WhenAll(requests.Select(r => WaitingAsync(caller, r, cancellationToken)));
        // The board's own rule: deployments follow the requests out to partners that are open.
        var deployments = await boards.ForRequestsAsync(
            caller, requests.Where(r => r.IsExchange && r.Status == RequestStatus.Open).ToList(), cancellationToken);
        return new SituationView(
            caller.AuthorityId,
            clock.GetUtcNow(),
            listed.Count,
            InProgressStatuses.Select(s => new SituationCount(WireNames.Of(s), listed.Count(e => e.Status == WireNames.Of(s)))).ToList(),
            Enum.GetValues<Urgency>().Select(u => new SituationCount(WireNames.Of(u), listed.Count(e => e.Urgency == WireNames.Of(u)))).ToList(),
            requests.Select(Shown).ToList(),
            listed.Count > shown.Count,
            deployments,
            (await onCall).Select(r => r.OnCallNow).ToList(),
            (await notices).SelectMany(n => n).OrderBy(n => n.OpenedAt).ToList(),
            SituationMap.Of(map.Value));
    }

    private static SituationRequest Shown(AssistanceRequestState r) => new(
        r.Id, r.Reference, r.Details.Incident.Title, WireNames.Of(r.Status), WireNames.Of(r.Details.Urgency), r.RequestingAuthorityId,
        r.Details.Incident.Place, r.Details.Incident.Coordinates, r.FiledAt, r.IsExchange ? LineCoverage.Of(r) : []);

    // The notices paging the caller's authority's people on this request that still wait for someone to acknowledge.
    private async Task<IReadOnlyList<WaitingNotice>> WaitingAsync(Caller caller, AssistanceRequestState request, CancellationToken cancellationToken) =>
        (await store.ListNoticesAsync(request.Id, cancellationToken))
            .Select(n => n.Value)
            .Where(n => n.AuthorityId == caller.AuthorityId && n.Status == NoticeStatus.Open && NoticeDesk.StillNeeded(n, request) is null)
            .Select(n => new WaitingNotice(request.Id, request.Reference, n.NoticeId, n.Kind, n.Team, n.Step, n.Round, n.OpenedAt, n.EscalatesAt))
            .ToList();
}
