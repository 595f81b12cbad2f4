using CivilProtection.Application.Identity;
using CivilProtection.Application.Indexes;
using CivilProtection.Application.Notices;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Deployments;
using CivilProtection.Domain.Dispatch;
using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;
using Microsoft.Extensions.Options;

namespace CivilProtection.Application.Deployments;

/// <summary>
/// The deployment boards: a request's (its requester sees every partner's teams, a partner only its own), an
/// authority's across its open requests (as requester and as assisting party), and an assisting authority's people
/// on mission.
/// </summary>
/// <remarks>
/// An authority's board reads its open requests from its list index (their number is bounded by what is going on, not
/// by history) and each one's deployment rows in one query of its partition.
/// </remarks>
public sealed class DeploymentBoards(IRequestStore store, IRequestIndex index, DeploymentDesk desk, IOptions<NoticeOptions> options, TimeProvider clock)
{
    private const int OpenRequestsPerPage = 100;

    public async Task<RequestDeploymentsView> ForRequestAsync(Caller caller, string requestId, CancellationToken cancellationToken)
    {
        var loaded = await store.FindAsync(requestId, cancellationToken) ?? throw new NotFoundException($"There is no request {requestId}.");
        var request = loaded.Request.State;
        RequestAccess.RequireVisible(caller, request);
        var states = await StatesAsync(caller, request, cancellationToken);
        var lines = await ViewsAsync(caller, request, states, cancellationToken);
        var notes = request.AfterActionNotes
            .Where(n => caller.AuthorityId == request.RequestingAuthorityId || n.AuthorityId == caller.AuthorityId || n.AuthorityId == request.RequestingAuthorityId)
            .ToList();
        var owed = request.IsExchange ? loaded.Request.AfterActionNotesOwed : [];
        return new RequestDeploymentsView(request.Id, request.Reference, WireNames.Of(request.Status), lines, DeploymentBoard.PeopleAway(states),
            request.IsExchange ? LineCoverage.Of(request) : [], notes, owed);
    }

    /// <summary>Every deployment on the caller's authority's open requests that it may see, newest request first.</summary>
    public async Task<IReadOnlyList<DeploymentView>> ForAuthorityAsync(Caller caller, CancellationToken cancellationToken)
    {
        var open = new List<AssistanceRequestState>();
        await foreach (var request in OpenRequestsAsync(caller.AuthorityId, cancellationToken))
        {
            open.Add(request);
        }
        return await ForRequestsAsync(caller, open, cancellationToken);
    }

    /// <summary>Every deployment the caller may see on requests already read (the authority's open ones), in their order.</summary>
    public async Task<IReadOnlyList<DeploymentView>> ForRequestsAsync(Caller caller, IReadOnlyList<AssistanceRequestState> requests, CancellationToken cancellationToken)
    {
        var lines = new List<DeploymentView>();
        foreach (var request in requests)
        {
            lines.AddRange(await ViewsAsync(caller, request, await StatesAsync(caller, request, cancellationToken), cancellationToken));
        }
        return lines;
    }

    /// <summary>The caller's authority's people away on missions (departed, not yet back), for its coordinators and admins.</summary>
    public async Task<IReadOnlyList<PersonOnMission>> PersonnelAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!caller.IsIn(Roles.Coordinator) && !caller.IsIn(Roles.Admin))
        {
            throw new AccessDeniedException($"Only coordinators and admins of {caller.AuthorityId} see its people on mission.");
        }
        var now = clock.GetUtcNow();
        var people = new List<PersonOnMission>();
        await foreach (var request in OpenRequestsAsync(caller.AuthorityId, cancellationToken))
        {
            if (await store.FindDeploymentAsync(request.Id, caller.AuthorityId, cancellationToken) is not { } stored
                || stored.Value.Status is DeploymentStatus.Mobilising or DeploymentStatus.Returned
                || stored.Value.Reports.FirstOrDefault(r => r.Status == DeploymentStatus.Departed) is not { } departure)
            {
                continue;
            }
            var dispatch = (await store.FindDispatchAsync(request.Id, caller.AuthorityId, cancellationToken))?.Value;
            people.AddRange((dispatch?.Offers ?? []).Where(o => o.Status == Domain.Dispatch.OfferStatus.Accepted).Select(o => new PersonOnMission(
                o.PersonId, o.PersonName, request.Id, request.Reference, o.Capability, o.Role, WireNames.Of(stored.Value.Status), departure.At,
                Math.Round((now - departure.At).TotalHours, 1))));
        }
        return people.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    private async IAsyncEnumerable<AssistanceRequestState> OpenRequestsAsync(
        string authorityId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        do
        {
            var page = await index.ListAsync(authorityId, RequestListFilter.OfStatus(WireNames.Of(RequestStatus.Open)), after, OpenRequestsPerPage, cancellationToken);
            foreach (var entry in page.Entries)
            {
                if (await store.FindAsync(entry.RequestId, cancellationToken) is { Request.State: { IsExchange: true } request } && request.VisibleToAuthorityIds.Contains(authorityId))
                {
                    yield return request;
                }
            }
            after = page.After;
        }
        while (after is not null);
    }

    // The deployments of every authority with commitments on the request that the caller may see, stored or not yet reported.
    private async Task<IReadOnlyList<DeploymentState>> StatesAsync(Caller caller, AssistanceRequestState request, CancellationToken cancellationToken)
    {
        var committed = request.Offers.Select(o => o.AuthorityId).Distinct(StringComparer.Ordinal)
            .Where(a => CommitmentNeeds.CommitmentsOf(request, a).Count > 0 && DeploymentAccess.CanSee(caller, request, a))
            .ToList();
        if (committed.Count == 0)
        {
            return [];
        }
        var stored = (await store.ListDeploymentsAsync(request.Id, cancellationToken)).ToDictionary(d => d.Value.AuthorityId, d => d.Value, StringComparer.Ordinal);
        var states = new List<DeploymentState>();
        foreach (var authorityId in committed.Order(StringComparer.Ordinal))
        {
            states.Add(stored.TryGetValue(authorityId, out var found) ? found : await NotYetReportedAsync(request, authorityId, cancellationToken));
        }
        return states;
    }

    private async Task<IReadOnlyList<DeploymentView>> ViewsAsync(
        Caller caller, AssistanceRequestState request, IReadOnlyList<DeploymentState> states, CancellationToken cancellationToken)
    {
        var views = new List<DeploymentView>();
        foreach (var state in states)
        {
            views.Add(await ViewAsync(caller, request, state, cancellationToken));
        }
        return views;
    }

    // Before its first report a deployment is what every accepted offer starts as: mobilising, since its acceptance.
    private async Task<DeploymentState> NotYetReportedAsync(AssistanceRequestState request, string authorityId, CancellationToken cancellationToken)
    {
        var offers = CommitmentNeeds.CommitmentsOf(request, authorityId);
        var since = offers.Select(o => o.DecidedAt).Max() ?? request.UpdatedAt;
        var mobilised = Deployment.Mobilise(request, authorityId, await desk.PeopleAsync(request, authorityId, cancellationToken), Actor.System, since);
        return mobilised.State with { Version = 0 };
    }

    private async Task<DeploymentView> ViewAsync(Caller caller, AssistanceRequestState request, DeploymentState d, CancellationToken cancellationToken)
    {
        var deployment = Deployment.Restore(d);
        var line = DeploymentBoard.Of([d])[0];
        return new DeploymentView(
            request.Id, request.Reference, d.AuthorityId, request.RequestingAuthorityId, d.People, WireNames.Of(d.Status), line.Since,
            line.ExpectedArrival, deployment.IsArrivalOverdue(clock.GetUtcNow(), options.Value.ArrivalOverdueAfter), d.PlannedEnd, line.LastKnownPosition,
            d.Version, ExtensionView.Of(d), d.Release, d.Reports.Select(StatusReportView.Of).ToList(),
            await AllowedActionsAsync(caller, request, d, cancellationToken));
    }

    private async Task<IReadOnlyList<string>> AllowedActionsAsync(Caller caller, AssistanceRequestState request, DeploymentState d, CancellationToken cancellationToken)
    {
        var actions = new List<string>();
        if (request.Status is RequestStatus.Closed or RequestStatus.Cancelled)
        {
            return actions;
        }
        var stillWanted = d.Status is not (DeploymentStatus.Demobilising or DeploymentStatus.Returned);
        if (d.Status != DeploymentStatus.Returned && caller.AuthorityId == d.AuthorityId
            && (caller.IsIn(Roles.Coordinator) || DeploymentAccess.IsEngaged(caller.UserId, (await store.FindDispatchAsync(request.Id, d.AuthorityId, cancellationToken))?.Value)))
        {
            actions.Add(DeploymentActions.Report);
        }
        if (stillWanted && DeploymentAccess.IsRequesterSide(caller, request))
        {
            if (d.PendingExtension is null)
            {
                actions.Add(DeploymentActions.Extend);
            }
            if (d.Release is null)
            {
                actions.Add(DeploymentActions.Release);
            }
        }
        if (d.PendingExtension is { } pending && DeploymentAccess.CanDecide(caller, d.AuthorityId, pending.Stages[pending.CurrentStageIndex]))
        {
            actions.Add(DeploymentActions.DecideExtension);
        }
        return actions;
    }
}

/// <summary>The names of what a viewer may do with a deployment (<see cref="DeploymentView.AllowedActions"/>).</summary>
public static class DeploymentActions
{
    public const string Report = "report";
    public const string Extend = "extend";
    public const string DecideExtension = "decide-extension";
    public const string Release = "release";
}
