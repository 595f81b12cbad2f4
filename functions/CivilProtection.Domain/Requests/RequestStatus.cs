namespace CivilProtection.Domain.Requests;

/// <summary>Where a request stands in its lifecycle.</summary>
public enum RequestStatus
{
    PendingApproval,
    ReturnedForInformation,
    Approved,
    Rejected,
    Cancelled,
}
