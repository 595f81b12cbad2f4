namespace CivilProtection.Domain.Requests;

/// <summary>What a status says of a request's life beyond its name.</summary>
public static class RequestStatuses
{
    /// <summary>
    /// Whether the request's story has ended: nothing moves it on from here (rejected, cancelled, closed). Everything else
    /// is in progress, and lists keep what is in progress apart so years of ended requests never slow them down.
    /// </summary>
    public static bool IsFinished(this RequestStatus status) =>
        status is RequestStatus.Rejected or RequestStatus.Cancelled or RequestStatus.Closed;

    /// <summary>Every status of a request in progress, in the order of its life: what the pages' "in progress" means.</summary>
    public static IReadOnlyList<RequestStatus> InProgress { get; } =
        [RequestStatus.PendingApproval, RequestStatus.ReturnedForInformation, RequestStatus.Open, RequestStatus.Approved, RequestStatus.Dispatched];
}
