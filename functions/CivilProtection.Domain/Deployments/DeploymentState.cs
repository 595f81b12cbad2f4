namespace CivilProtection.Domain.Deployments;

/// <summary>
/// The deployment of one assisting authority's commitments (its accepted offer lines) on a request: its status and
/// every report that moved it.
/// </summary>
/// <param name="People">How many people the commitments call for.</param>
/// <param name="ExpectedArrival">The estimated arrival given when the teams departed; null before.</param>
public sealed record DeploymentState(
    string RequestId,
    string AuthorityId,
    int People,
    DeploymentStatus Status,
    DateTimeOffset? ExpectedArrival,
    IReadOnlyList<StatusReport> Reports)
{
    /// <summary>Until when the teams are committed: the latest end of the accepted lines' terms, moved by an approved extension.</summary>
    public DateTimeOffset? PlannedEnd { get; init; }

    /// <summary>Every extension the requester asked for, oldest first; only the last may still be pending.</summary>
    public IReadOnlyList<ExtensionRequest> Extensions { get; init; } = [];

    /// <summary>The requester's release of the teams (early or at the planned end); null while they are still wanted.</summary>
    public DeploymentRelease? Release { get; init; }

    /// <summary>Steps on every change, so that an act on a stale view of the deployment is refused.</summary>
    public int Version { get; init; }

    /// <summary>The extension waiting for the assisting side's decision, if any.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ExtensionRequest? PendingExtension => Extensions.Count > 0 && Extensions[^1].Status == ExtensionStatus.Pending ? Extensions[^1] : null;
}

/// <summary>The requester released the teams: who, when, why.</summary>
public sealed record DeploymentRelease(string By, string ByName, DateTimeOffset At, string? Comment)
{
    /// <summary>The EDXL-RM MessageID of the ReleaseResource it came in on, when the requester's system sent it.</summary>
    public string? MessageId { get; init; }
}

/// <summary>One report of a deployment's status: who, when, where (when known) and why.</summary>
public sealed record StatusReport(
    DeploymentStatus Status, DateTimeOffset At, string ReportedBy, string ReporterName, GeoPosition? Where, string? Comment,
    DateTimeOffset? ExpectedArrival = null)
{
    /// <summary>The EDXL-RM MessageID of the ReportResourceDeploymentStatus it came in on, when the assisting side's system sent it.</summary>
    public string? MessageId { get; init; }
}

/// <summary>A place on Earth in decimal degrees (WGS 84).</summary>
public sealed record GeoPosition(double Latitude, double Longitude)
{
    /// <summary>
    /// The problems with a reported position, by field (<c>latitude</c>, <c>longitude</c>): both or neither, each in
    /// range. Empty when the position is good or absent.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Problems(double? latitude, double? longitude)
    {
        var problems = new Dictionary<string, string>();
        if (latitude is null != longitude is null)
        {
            problems[latitude is null ? "latitude" : "longitude"] = "A position needs both a latitude and a longitude.";
        }
        if (latitude is { } lat && (double.IsNaN(lat) || lat < -90 || lat > 90))
        {
            problems["latitude"] = "A latitude is between -90 and 90.";
        }
        if (longitude is { } lon && (double.IsNaN(lon) || lon < -180 || lon > 180))
        {
            problems["longitude"] = "A longitude is between -180 and 180.";
        }
        return problems;
    }
}
