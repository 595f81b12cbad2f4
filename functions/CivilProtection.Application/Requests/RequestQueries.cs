using CivilProtection.Application.Directory;
using CivilProtection.Application.Dispatch;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Indexes;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Zones;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Requests;

/// <summary>What people read: one request with its timeline, their authority's requests, their approval inbox.</summary>
public sealed class RequestQueries(IRequestStore store, IRequestIndex index, IDirectory directory, Capabilities.ICompositionStore compositions)
{
    public async Task<RequestView> GetAsync(Caller caller, string requestId, CancellationToken cancellationToken)
    {
        var loaded = await store.FindAsync(requestId, cancellationToken) ?? throw new NotFoundException($"There is no request {requestId}.");
        var state = loaded.Request.State;
        RequestAccess.RequireVisible(caller, state);
        var timeline = store.ReadTimelineAsync(requestId, cancellationToken);
        var notices = store.ListNoticesAsync(requestId, cancellationToken);
        // Each partner sees its own responders' dispatch; through a two-sided route there is one.
        var dispatch = store.FindDispatchAsync(requestId, Dispatch.DispatchDesk.ScopeOf(state, caller.AuthorityId), cancellationToken);
        var zones = ZonesOfAsync(state, cancellationToken);
        await Task.WhenAll(timeline, notices, dispatch, zones);
        var concerned = await zones;
        // In the exchange each authority sees only its own paging: whom a partner pages, and whether, is its business.
        var noticeViews = (await notices).Where(n => !state.IsExchange || n.Value.AuthorityId == caller.AuthorityId)
            .Select(n => NoticeView.Of(n.Value, showCode: n.Value.AuthorityId == caller.AuthorityId, concerned)).ToList();
        var actions = RequestAccess.AllowedActions(caller, state).ToList();
        if ((await notices).Any(n => n.Value.Status == Domain.Notices.NoticeStatus.Open && Notices.NoticeDesk.StillNeeded(n.Value, state) is null
            && Notices.NoticeDesk.CanAcknowledge(caller, n.Value)))
        {
            actions.Add(RequestActions.Acknowledge);
        }
        return Shown(caller, state, await timeline, actions, concerned, noticeViews, (await dispatch) is { } d ? DispatchView.Of(d.Value, concerned) : null)
            with { DispatchNeeds = actions.Contains(RequestActions.Dispatch) && state.IsExchange ? await compositions.CommitmentNeedsAsync(state, caller.AuthorityId, cancellationToken) : null };
    }

    // The exchange's parts each viewer may see: offers, their timeline lines and what it may do with them.
    private static RequestView Shown(
        Caller caller, AssistanceRequestState state, IReadOnlyList<AuditEvent> timeline, List<string> actions, ConcernedZones zones,
        IReadOnlyList<NoticeView>? notices = null, DispatchView? dispatch = null)
    {
        actions.AddRange(Offers.ExchangeView.AllowedActions(caller, state).Where(a => !actions.Contains(a)));
        return RequestView.Of(state, Offers.OfferAccess.VisibleTimeline(caller, state, timeline), actions, zones, notices, dispatch)
            with { Exchange = Offers.ExchangeView.Of(caller, state, zones) };
    }

    /// <summary>A request just filed, as its filer sees it: no notice or dispatch yet.</summary>
    public async Task<RequestView> ShowFiledAsync(Caller caller, AssistanceRequestState state, IReadOnlyList<AuditEvent> timeline, CancellationToken cancellationToken) =>
        Shown(caller, state, timeline, RequestAccess.AllowedActions(caller, state).ToList(), await ZonesOfAsync(state, cancellationToken));

    private Task<ConcernedZones> ZonesOfAsync(AssistanceRequestState state, CancellationToken cancellationToken) =>
        ConcernedZones.OfAsync(directory, RequestView.AuthoritiesOf(state), cancellationToken);

    /// <summary>
    /// One page of the requests the caller's authority is party to, newest filing first, filtered by the store; the
    /// continuation of the next page, or null on the last. A bad parameter is refused, naming it.
    /// </summary>
    public async Task<(IReadOnlyList<RequestListEntry> Entries, string? Continuation)> ListAsync(Caller caller, RequestListForm form, CancellationToken cancellationToken)
    {
        var query = await RequestListing.CheckAsync(form, caller.AuthorityId, directory, index, cancellationToken);
        var page = await index.ListAsync(caller.AuthorityId, query.Filter, query.After, query.PageSize, cancellationToken);
        return (page.Entries, page.After is { } after ? RequestListing.Encode(after, caller.AuthorityId, query.Filter) : null);
    }

    /// <summary>The items waiting for the caller's approver groups: most urgent first, then oldest first.</summary>
    public async Task<IReadOnlyList<InboxEntry>> InboxAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!caller.IsIn(Roles.Approver))
        {
            return [];
        }
        var inboxes = await Task.WhenAll(caller.ApproverGroups.Select(group => index.InboxAsync(caller.AuthorityId, group, cancellationToken)));
        return inboxes.SelectMany(entries => entries)
            .Where(e => e.Active)
            .OrderBy(e => UrgencyRank(e.Urgency))
            .ThenBy(e => e.OpenedAt)
            .ToList();
    }

    private static int UrgencyRank(string urgency) => WireNames.TryParseUrgency(urgency, out var u) ? (int)u : int.MaxValue;
}
