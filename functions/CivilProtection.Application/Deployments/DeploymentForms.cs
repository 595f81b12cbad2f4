namespace CivilProtection.Application.Deployments;

/// <summary>
/// The body of <c>POST /api/requests/{id}/deployments/{authorityId}/reports</c>: the new status, where the teams are
/// (both coordinates or neither), a comment, and on departure the estimated arrival.
/// </summary>
public sealed class StatusReportForm
{
    public string? Status { get; set; }
    public string? Comment { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public DateTimeOffset? ExpectedArrival { get; set; }

    /// <summary>The deployment's version the reporter saw (0 before the first report); a newer one refuses the report.</summary>
    public int? Version { get; set; }
}

/// <summary>The body of <c>POST …/deployments/{authorityId}/extension</c>: the requester asks to keep the teams until a new end.</summary>
public sealed class ExtensionForm
{
    public DateTimeOffset? Until { get; set; }
    public string? Reason { get; set; }
    public int? Version { get; set; }
}

/// <summary>The body of <c>POST …/deployments/{authorityId}/extension/decision</c>: <c>approve</c> or <c>decline</c>.</summary>
public sealed class ExtensionDecisionForm
{
    public string? Decision { get; set; }
    public string? Comment { get; set; }
    public int? Version { get; set; }
}

/// <summary>The body of <c>POST …/deployments/{authorityId}/release</c>.</summary>
public sealed class ReleaseForm
{
    public string? Comment { get; set; }
    public int? Version { get; set; }
}

/// <summary>The body of <c>POST /api/requests/{id}/after-action</c>: a party's after-action note.</summary>
public sealed class AfterActionForm
{
    public string? Note { get; set; }
}
