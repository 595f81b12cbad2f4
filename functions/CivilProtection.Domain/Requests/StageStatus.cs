namespace CivilProtection.Domain.Requests;

/// <summary>Where one approval stage of a request stands.</summary>
public enum StageStatus
{
    Waiting,
    Pending,
    Approved,
    Rejected,
    Returned,
    Cancelled,
}
