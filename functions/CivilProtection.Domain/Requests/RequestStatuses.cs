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
}
