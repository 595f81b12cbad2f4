using CivilProtection.Application.Identity;
using CivilProtection.Application.Indexes;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Work;

/// <summary>
/// The duty officer's share: the requests their authority filed that still need it, those returned for information
/// first (only the requester can answer them), then the ones on their way (waiting for approval, out to partners, approved).
/// The list entries say all of it, so no snapshot is read.
/// </summary>
internal static class RequesterWork
{
    private static readonly string Returned = WireNames.Of(RequestStatus.ReturnedForInformation);
    private static readonly string Dispatched = WireNames.Of(RequestStatus.Dispatched);

    public static List<WorkRequest> Of(Caller caller, IEnumerable<RequestListEntry> inProgress) =>
        inProgress.Where(e => e.RequestingAuthorityId == caller.AuthorityId && e.Status != Dispatched)
            .OrderBy(e => e.Status == Returned ? 0 : 1)
            .ThenBy(e => RequestQueries.UrgencyRank(e.Urgency))
            .ThenByDescending(e => e.UpdatedAt)
            .Select(e => new WorkRequest(e.RequestId, e.Reference, e.Title, e.Urgency, e.Status, e.RequestingAuthorityId, e.UpdatedAt))
            .ToList();
}
