namespace CivilProtection.Domain.Requests;

/// <summary>Where a request stands in its lifecycle.</summary>
public enum RequestStatus
{
    PendingApproval,
    ReturnedForInformation,
    Approved,
    Rejected,
    Cancelled,

    /// <summary>Approved, and every requested capability has enough responders who accepted.</summary>
    Dispatched,

    /// <summary>The assisting side's coordinator closed it after the mission.</summary>
    Closed,

    /// <summary>Validated and out to the partners it asks: offers are prepared, sent and decided.</summary>
    Open,
}
