using CivilProtection.Application.Requests;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Indexes;

/// <summary>
/// Brings the lists and inboxes of one request in line with its current snapshot. Working from the snapshot,
/// not from the message, makes it idempotent and indifferent to message order; the index's version check
/// stops a slow, older reconciliation from overwriting a newer one.
/// </summary>
public sealed class RequestIndexProjector(IRequestStore store, IRequestIndex index, TimeProvider clock)
{
    /// <summary>Returns false when there is no such request (the message can never succeed).</summary>
    /// <param name="parts">Which index rows to bring in line: the routing queue keeps the inboxes, the events queue the lists.</param>
    public async Task<bool> ReconcileAsync(string requestId, CancellationToken cancellationToken, IndexParts parts = IndexParts.All)
    {
        var loaded = await store.FindAsync(requestId, cancellationToken);
        if (loaded is null)
        {
            return false;
        }
        var s = loaded.Request.State;
        var now = clock.GetUtcNow();
        var entry = new RequestListEntry(
            s.Id, s.Reference, s.Details.Incident.Title, s.Details.Incident.Type, WireNames.Of(s.Details.Urgency), WireNames.Of(s.Status),
            s.RequestingAuthorityId, s.AssistingAuthorityId, s.CurrentStageIndex, s.FiledAt, s.UpdatedAt, s.Version);

        var writes = new List<Task>();
        if (parts.HasFlag(IndexParts.Lists))
        {
            writes.AddRange(s.VisibleToAuthorityIds.Select(authorityId => index.UpsertListEntryAsync(authorityId, ListedFor(authorityId, s, entry), cancellationToken)));
        }
        foreach (var stage in s.Stages.Where(st => st.OpenedAt is not null && parts.HasFlag(IndexParts.Inboxes)))
        {
            var active = s.Status == RequestStatus.PendingApproval && stage.Index == s.CurrentStageIndex;
            var inboxEntry = new InboxEntry(
                s.Id, s.Reference, s.Details.Incident.Title, WireNames.Of(s.Details.Urgency), s.RequestingAuthorityId, s.AssistingAuthorityId,
                stage.Index, stage.Name, stage.OpenedAt!.Value, stage.Deadline!.Value, active, RoutedAt: now, s.Version);
            writes.Add(index.UpsertInboxEntryAsync(stage.AuthorityId, stage.ApproverGroup, inboxEntry, cancellationToken));
        }
        foreach (var (offer, stage) in OfferStagesOpened(s).Where(_ => parts.HasFlag(IndexParts.Inboxes)))
        {
            var active = s.Status == RequestStatus.Open && offer.Status == Domain.Offers.OfferStatus.PendingApproval && stage.Index == offer.CurrentStageIndex;
            var inboxEntry = new InboxEntry(
                s.Id, s.Reference, s.Details.Incident.Title, WireNames.Of(s.Details.Urgency), s.RequestingAuthorityId, offer.AuthorityId,
                stage.Index, stage.Name, stage.OpenedAt!.Value, stage.Deadline!.Value, active, RoutedAt: now, s.Version, offer.OfferId);
            writes.Add(index.UpsertInboxEntryAsync(stage.AuthorityId, stage.ApproverGroup, inboxEntry, cancellationToken));
        }
        await Task.WhenAll(writes);
        return true;
    }

    // Whom a request to partners asks is the requester's business: a partner's list names only itself.
    private static RequestListEntry ListedFor(string authorityId, AssistanceRequestState s, RequestListEntry entry) =>
        s.IsExchange
            ? entry with { AddressedAuthorityIds = authorityId == s.RequestingAuthorityId ? s.Addressees!.Select(a => a.AuthorityId).ToList() : [authorityId] }
            : entry;

    // The latest opened stage of each offer per approver group: one inbox row per request in each group's inbox.
    private static IEnumerable<(Domain.Offers.OfferState Offer, Stage Stage)> OfferStagesOpened(AssistanceRequestState s) =>
        s.Offers.SelectMany(o => o.Stages.Where(stage => stage.OpenedAt is not null).Select(stage => (Offer: o, Stage: stage)))
            .GroupBy(x => (x.Stage.AuthorityId, x.Stage.ApproverGroup))
            .Select(g => g.OrderBy(x => x.Stage.OpenedAt).Last());

    /// <summary>
    /// Which parts of a request's index rows show an older version than its snapshot: point reads of its two list
    /// entries and of the inbox entry of each stage it opened, nothing else.
    /// </summary>
    public async Task<IndexParts> LaggingAsync(AssistanceRequestState s, CancellationToken cancellationToken)
    {
        var listed = await Task.WhenAll(s.VisibleToAuthorityIds.Select(authorityId => index.ListedVersionAsync(authorityId, s.Id, cancellationToken)));
        var inboxes = await Task.WhenAll(s.Stages.Where(stage => stage.OpenedAt is not null).Concat(OfferStagesOpened(s).Select(o => o.Stage))
            .Select(stage => index.InboxVersionAsync(stage.AuthorityId, stage.ApproverGroup, s.Id, cancellationToken)));
        var lagging = IndexParts.None;
        if (listed.Any(version => version is null || version < s.Version))
        {
            lagging |= IndexParts.Lists;
        }
        if (inboxes.Any(version => version is null || version < s.Version))
        {
            lagging |= IndexParts.Inboxes;
        }
        return lagging;
    }
}

/// <summary>The parts of a request's index rows.</summary>
[Flags]
public enum IndexParts
{
    None = 0,
    Lists = 1,
    Inboxes = 2,
    All = Lists | Inboxes,
}
