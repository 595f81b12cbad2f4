using CivilProtection.Application.Identity;
using CivilProtection.Application.Indexes;
using CivilProtection.Application.Notices;
using CivilProtection.Application.Offers;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Dispatch;
using CivilProtection.Domain.Notices;
using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Work;

/// <summary>
/// Gathers a person's work from what is kept to be read: their approver groups' inboxes, and their authority's list
/// narrowed by the store to the requests still in progress (never the whole history); only those requests' snapshots,
/// notices and dispatches are read, and only when a section needs them.
/// </summary>
public sealed class WorkDesk(IRequestIndex index, IRequestStore store, RequestQueries queries)
{
    /// <summary>The items a section shows; its total counts the rest.</summary>
    public const int SectionSize = 20;

    /// <summary>
    /// The most requests in progress one call looks at (two pages of the list): beyond them an authority has more on hand
    /// than a list of work can help with, and the requests list, filtered, is the place.
    /// </summary>
    public const int MaxInProgress = 2 * RequestListing.MaxPageSize;

    // Snapshots and notices are read a few at a time, so one person's home does not crowd the store.
    private const int ReadsAtOnce = 8;


    public async Task<WorkView> ForAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.AuthorityId.Length == 0)
        {
            // A platform admin belongs to no authority: nothing of any authority waits for them.
            return new WorkView(null, null, null, null, WorkSection.Of<WorkNotice>([]));
        }
        var approvals = caller.IsIn(Roles.Approver) ? queries.InboxItemsAsync(caller, cancellationToken) : null;
        var entries = await index.InProgressAsync(caller.AuthorityId, MaxInProgress, cancellationToken);
        var read = await ReadAsync(caller, entries, cancellationToken);
        return new WorkView(
            approvals is null ? null : WorkSection.Of(await approvals),
            caller.IsIn(Roles.DutyOfficer) ? WorkSection.Of(RequesterWork.Of(caller, entries)) : null,
            caller.IsIn(Roles.Coordinator) ? WorkSection.Of(OffersToPrepare(caller, read)) : null,
            caller.IsIn(Roles.Coordinator) ? WorkSection.Of(Dispatches(caller, read)) : null,
            WorkSection.Of<WorkNotice>(NoticesToAcknowledge(caller, read)));
    }

    // One request in progress as the sections need it: its open notices the caller may acknowledge, and, when a section
    // needs it, its snapshot and the caller's dispatch of it.
    private sealed record Read(RequestListEntry Entry, AssistanceRequestState? State, IReadOnlyList<NoticeState> OpenNotices, DispatchState? Dispatch);

    private static readonly HashSet<string> Offerable = [WireNames.Of(RequestStatus.Open), WireNames.Of(RequestStatus.Approved)];
    private static readonly string Returned = WireNames.Of(RequestStatus.ReturnedForInformation);

    // A returned request pages nobody and waits only for its requester, whom its list entry tells: nothing to read. For
    // the others the notices come first; the snapshot is read only to judge a notice or a coordinator's share.
    private async Task<IReadOnlyList<Read>> ReadAsync(Caller caller, IReadOnlyList<RequestListEntry> entries, CancellationToken cancellationToken)
    {
        var coordinator = caller.IsIn(Roles.Coordinator);
        var worth = entries.Where(e => e.Status != Returned).ToList();
        var read = new Read?[worth.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, worth.Count), new ParallelOptions { MaxDegreeOfParallelism = ReadsAtOnce, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var entry = worth[i];
                var notices = (await store.ListNoticesAsync(entry.RequestId, token)).Select(n => n.Value)
                    .Where(n => n.Status == NoticeStatus.Open && NoticeDesk.CanAcknowledge(caller, n)).ToList();
                var state = notices.Count > 0 || (coordinator && Offerable.Contains(entry.Status))
                    ? (await store.FindAsync(entry.RequestId, token))?.Request.State
                    : null;
                var dispatch = state is not null && coordinator && MayDispatch(caller, state)
                    ? (await store.FindDispatchAsync(state.Id, Dispatch.DispatchDesk.ScopeOf(state, caller.AuthorityId), token))?.Value
                    : null;
                read[i] = new Read(entry, state, notices, dispatch);
            });
        return read.OfType<Read>().Where(r => r.State is null || RequestAccess.CanSee(caller, r.State)).ToList();
    }

    private static bool MayDispatch(Caller caller, AssistanceRequestState state) =>
        RequestAccess.AllowedActions(caller, state).Contains(RequestActions.Dispatch) || ExchangeView.AllowedActions(caller, state).Contains(RequestActions.Dispatch);

    // Requests partners sent to the caller's authority, not answered yet: no offer in hand, no declining.
    private static List<WorkRequest> OffersToPrepare(Caller caller, IReadOnlyList<Read> read) =>
        read.Where(r => r.State is { IsExchange: true, Status: RequestStatus.Open, ClosedToOffers: false } state
                && state.Addressees!.Any(a => a.AuthorityId == caller.AuthorityId && a.Status == AddresseeStatus.Asked)
                && ExchangeView.AllowedActions(caller, state).Contains(RequestActions.Offer))
            .Select(r => Line(r, due: r.State!.OffersBy ?? r.State.Details.NeededBy))
            .OrderBy(w => w.Due)
            .ThenBy(w => RequestQueries.UrgencyRank(w.Urgency))
            .ToList();

    // What the caller's coordinators may dispatch and is not covered yet: nobody asked, or not enough accepted.
    private static List<WorkRequest> Dispatches(Caller caller, IReadOnlyList<Read> read) =>
        read.Where(r => r.State is { Status: not RequestStatus.Dispatched } state && MayDispatch(caller, state)
                && (r.Dispatch is null || !ResponderDispatch.Restore(r.Dispatch).IsCovered))
            .Select(r => Line(r, due: r.State!.Details.NeededBy,
                waiting: r.Dispatch?.Offers.Count(o => o.Status == Domain.Dispatch.OfferStatus.Asked) ?? 0))
            .OrderBy(w => RequestQueries.UrgencyRank(w.Urgency))
            .ThenBy(w => w.Due)
            .ToList();

    // Notices still paging that the caller may stop with an acknowledgement, the longest waiting first.
    private static List<WorkNotice> NoticesToAcknowledge(Caller caller, IReadOnlyList<Read> read) =>
        read.Where(r => r.State is not null).SelectMany(r => r.OpenNotices
                .Where(n => NoticeDesk.StillNeeded(n, r.State!) is null)
                .Select(n => new WorkNotice(r.Entry.RequestId, r.Entry.Reference, r.Entry.Title, r.Entry.Urgency, n.NoticeId, n.Kind, n.StageIndex,
                    n.Kind == NoticeKind.StageApproval && n.StageIndex is { } i && i < r.State!.Stages.Count ? r.State.Stages[i].Name : null,
                    n.OpenedAt, n.EscalatesAt)))
            .OrderBy(n => RequestQueries.UrgencyRank(n.Urgency))
            .ThenBy(n => n.OpenedAt)
            .ToList();

    private static WorkRequest Line(Read r, DateTimeOffset? due = null, int? waiting = null) =>
        new(r.Entry.RequestId, r.Entry.Reference, r.Entry.Title, r.Entry.Urgency, r.Entry.Status, r.Entry.RequestingAuthorityId, r.Entry.UpdatedAt, due, waiting);
}
