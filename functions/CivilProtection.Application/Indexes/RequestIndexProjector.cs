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
    /// <param name="atLeastVersion">The version the message is about: any snapshot this new will do, as the index keeps the newest it is given.</param>
    public async Task<bool> ReconcileAsync(string requestId, CancellationToken cancellationToken, IndexParts parts = IndexParts.All, int atLeastVersion = 0)
    {
        var loaded = atLeastVersion > 0 ? await store.FindAsync(requestId, atLeastVersion, cancellationToken) : await store.FindAsync(requestId, cancellationToken);
        if (loaded is null)
        {
            return false;
        }
        var projection = Project(loaded.Request.State, clock.GetUtcNow());
        var writes = new List<Task>();
        if (parts.HasFlag(IndexParts.Lists))
        {
            writes.AddRange(projection.Listed.Select(l => index.UpsertListEntryAsync(l.AuthorityId, l.Entry, cancellationToken)));
        }
        if (parts.HasFlag(IndexParts.Inboxes))
        {
            writes.AddRange(projection.Inboxes.Select(i => index.UpsertInboxEntryAsync(i.AuthorityId, i.ApproverGroup, i.Entry, cancellationToken)));
        }
        await Task.WhenAll(writes);
        return true;
    }

    /// <summary>
    /// The index entries a snapshot calls for: its entry in each list it shows in, and an entry for each stage (of the
    /// request or of an offer) it opened, active while that stage waits; <paramref name="routedAt"/> is when they are written.
    /// </summary>
    public static RequestProjection Project(AssistanceRequestState s, DateTimeOffset routedAt)
    {
        var entry = new RequestListEntry(
            s.Id, s.Reference, s.Details.Incident.Title, s.Details.Incident.Type, WireNames.Of(s.Details.Urgency), WireNames.Of(s.Status),
            s.RequestingAuthorityId, s.AssistingAuthorityId, s.CurrentStageIndex, s.FiledAt, s.UpdatedAt, s.Version);
        var listed = s.VisibleToAuthorityIds.Select(authorityId => new ListedEntry(authorityId, ListedFor(authorityId, s, entry))).ToList();
        var inboxes = new List<InboxedEntry>();
        foreach (var stage in s.Stages.Where(st => st.OpenedAt is not null))
        {
            var active = s.Status == RequestStatus.PendingApproval && stage.Index == s.CurrentStageIndex;
            inboxes.Add(Inboxed(s, stage, s.AssistingAuthorityId, active, routedAt, offerId: null));
        }
        foreach (var (offer, stage) in OfferStagesOpened(s))
        {
            var active = s.Status == RequestStatus.Open && offer.Status == Domain.Offers.OfferStatus.PendingApproval && stage.Index == offer.CurrentStageIndex;
            inboxes.Add(Inboxed(s, stage, offer.AuthorityId, active, routedAt, offer.OfferId));
        }
        return new RequestProjection(listed, inboxes);
    }

    private static InboxedEntry Inboxed(AssistanceRequestState s, Stage stage, string assistingAuthorityId, bool active, DateTimeOffset routedAt, string? offerId) =>
        new(stage.AuthorityId, stage.ApproverGroup, new InboxEntry(
            s.Id, s.Reference, s.Details.Incident.Title, WireNames.Of(s.Details.Urgency), s.RequestingAuthorityId, assistingAuthorityId,
            stage.Index, stage.Name, stage.OpenedAt!.Value, stage.Deadline!.Value, active, routedAt, s.Version, offerId));

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

/// <summary>The index entries of one snapshot: where it is listed, and which inboxes hold its stages.</summary>
public sealed record RequestProjection(IReadOnlyList<ListedEntry> Listed, IReadOnlyList<InboxedEntry> Inboxes);

/// <summary>A request's entry in one authority's list.</summary>
public sealed record ListedEntry(string AuthorityId, RequestListEntry Entry);

/// <summary>A stage's entry in one approver group's inbox.</summary>
public sealed record InboxedEntry(string AuthorityId, string ApproverGroup, InboxEntry Entry);
