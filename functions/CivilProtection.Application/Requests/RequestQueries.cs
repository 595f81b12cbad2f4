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
        return (page.Entries, page.After is { } after ? RequestListing.Encode(after, RequestListing.ListScope(caller.AuthorityId, query.Filter)) : null);
    }

    /// <summary>The most requests one export holds; a wider selection is refused, to be narrowed by its filters.</summary>
    public const int MaxExported = 10_000;

    /// <summary>
    /// Every request of the caller's authority the list's filters select, page after page in the list's order (its page
    /// size and continuation are ignored); more than <see cref="MaxExported"/> is refused, naming the filters to narrow.
    /// </summary>
    public async Task<IReadOnlyList<RequestListEntry>> ExportAsync(Caller caller, RequestListForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var query = await RequestListing.CheckAsync(form with { PageSize = null, Continuation = null }, caller.AuthorityId, directory, index, cancellationToken);
        var all = new List<RequestListEntry>();
        string? after = null;
        do
        {
            var page = await index.ListAsync(caller.AuthorityId, query.Filter, after, RequestListing.MaxPageSize, cancellationToken);
            all.AddRange(page.Entries);
            after = page.After;
            if (all.Count > MaxExported)
            {
                throw new Forms.FormRejectedException("filedFrom", Problems.FieldError.TooMany(MaxExported));
            }
        }
        while (after is not null);
        return all;
    }

    /// <summary>
    /// A page of the items waiting for the caller's approver groups, most urgent first, then oldest first; the continuation
    /// of the next page, or null on the last. The inboxes hold only what waits, so they are read whole and ordered here.
    /// </summary>
    public async Task<(IReadOnlyList<InboxEntry> Entries, string? Continuation)> InboxAsync(
        Caller caller, string? pageSize, string? continuation, CancellationToken cancellationToken)
    {
        var errors = new Forms.FieldErrors();
        var size = RequestListing.PageSize(pageSize, errors);
        var scope = $"inbox\n{caller.AuthorityId}\n{caller.UserId}";
        var after = RequestListing.Position(continuation, scope, position => InboxPosition.TryParse(position, out _), errors);
        if (errors.Any)
        {
            throw new Forms.FormRejectedException(errors);
        }
        var start = after is not null && InboxPosition.TryParse(after, out var position) ? position : null;
        var ordered = (await WaitingAsync(caller, cancellationToken))
            .Where(x => start is null || x.Position.CompareTo(start) > 0)
            .Take(size + 1)
            .ToList();
        var page = ordered.Take(size).Select(x => x.Entry).ToList();
        return (page, ordered.Count > size ? RequestListing.Encode(ordered[size - 1].Position.ToString(), scope) : null);
    }

    /// <summary>Everything waiting for the caller's approver groups, in the inbox's order (none unless an approver).</summary>
    public async Task<IReadOnlyList<InboxEntry>> InboxItemsAsync(Caller caller, CancellationToken cancellationToken) =>
        (await WaitingAsync(caller, cancellationToken)).Select(x => x.Entry).ToList();

    private async Task<List<(InboxEntry Entry, InboxPosition Position)>> WaitingAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!caller.IsIn(Roles.Approver))
        {
            return [];
        }
        var inboxes = await Task.WhenAll(caller.ApproverGroups.Select(group => index.InboxAsync(caller.AuthorityId, group, cancellationToken)));
        return inboxes.SelectMany(entries => entries)
            .Where(e => e.Active)
            .Select(e => (Entry: e, Position: InboxPosition.Of(e, UrgencyRank(e.Urgency))))
            .OrderBy(x => x.Position)
            .ToList();
    }

    /// <summary>Life-safety first: the order every list of work follows.</summary>
    public static int UrgencyRank(string urgency) => WireNames.TryParse(urgency, out Urgency u) ? (int)u : int.MaxValue;

    // Where an item sits in the inbox's order: urgency, opening, then request, offer and stage so no two items tie.
    private sealed record InboxPosition(int Rank, long OpenedTicks, string RequestId, string OfferId, int StageIndex) : IComparable<InboxPosition>
    {
        public static InboxPosition Of(InboxEntry e, int rank) => new(rank, e.OpenedAt.UtcTicks, e.RequestId, e.OfferId ?? "", e.StageIndex);

        public int CompareTo(InboxPosition? other) => other is null ? 1
            : (Rank, OpenedTicks).CompareTo((other.Rank, other.OpenedTicks)) is var c and not 0 ? c
            : string.CompareOrdinal(RequestId, other.RequestId) is var r and not 0 ? r
            : string.CompareOrdinal(OfferId, other.OfferId) is var o and not 0 ? o
            : StageIndex.CompareTo(other.StageIndex);

        public override string ToString() => FormattableString.Invariant($"{Rank}|{OpenedTicks}|{RequestId}|{OfferId}|{StageIndex}");

        public static bool TryParse(string text, out InboxPosition? position)
        {
            var parts = text.Split('|');
            position = parts.Length == 5
                && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rank)
                && long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
                && int.TryParse(parts[4], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var stage)
                ? new InboxPosition(rank, ticks, parts[2], parts[3], stage) : null;
            return position is not null;
        }
    }
}
