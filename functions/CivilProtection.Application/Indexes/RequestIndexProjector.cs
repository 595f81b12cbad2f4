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
            writes.Add(index.UpsertListEntryAsync(s.RequestingAuthorityId, entry, cancellationToken));
            writes.Add(index.UpsertListEntryAsync(s.AssistingAuthorityId, entry, cancellationToken));
        }
        foreach (var stage in s.Stages.Where(st => st.OpenedAt is not null && parts.HasFlag(IndexParts.Inboxes)))
        {
            var active = s.Status == RequestStatus.PendingApproval && stage.Index == s.CurrentStageIndex;
            var inboxEntry = new InboxEntry(
                s.Id, s.Reference, s.Details.Incident.Title, WireNames.Of(s.Details.Urgency), s.RequestingAuthorityId, s.AssistingAuthorityId,
                stage.Index, stage.Name, stage.OpenedAt!.Value, stage.Deadline!.Value, active, RoutedAt: now, s.Version);
            writes.Add(index.UpsertInboxEntryAsync(stage.AuthorityId, stage.ApproverGroup, inboxEntry, cancellationToken));
        }
        await Task.WhenAll(writes);
        return true;
    }
}

/// <summary>The parts of a request's index rows.</summary>
[Flags]
public enum IndexParts
{
    Lists = 1,
    Inboxes = 2,
    All = Lists | Inboxes,
}
