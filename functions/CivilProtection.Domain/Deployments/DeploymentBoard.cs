namespace CivilProtection.Domain.Deployments;

/// <summary>One line of a deployment board: whose teams, how many people, where they stand and since when.</summary>
/// <param name="Since">When the current status was reported.</param>
/// <param name="LastKnownPosition">The latest position any report gave; null when none did.</param>
/// <param name="ExpectedArrival">The estimated arrival while departed; null otherwise.</param>
public sealed record BoardLine(
    string RequestId, string AuthorityId, int People, DeploymentStatus Status, DateTimeOffset Since, GeoPosition? LastKnownPosition,
    DateTimeOffset? ExpectedArrival);

/// <summary>Deployments as a board: per request or per authority, who is where since when.</summary>
public static class DeploymentBoard
{
    /// <summary>One line per deployment, ordered by request then authority.</summary>
    public static IReadOnlyList<BoardLine> Of(IEnumerable<DeploymentState> deployments) =>
        deployments.Select(Line).OrderBy(l => l.RequestId, StringComparer.Ordinal).ThenBy(l => l.AuthorityId, StringComparer.Ordinal).ToList();

    /// <summary>How many people are away from home (departed and not yet returned), per assisting authority.</summary>
    public static IReadOnlyDictionary<string, int> PeopleAway(IEnumerable<DeploymentState> deployments) =>
        deployments.Where(d => d.Status is not (DeploymentStatus.Mobilising or DeploymentStatus.Returned))
            .GroupBy(d => d.AuthorityId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(d => d.People), StringComparer.Ordinal);

    private static BoardLine Line(DeploymentState deployment) => new(
        deployment.RequestId, deployment.AuthorityId, deployment.People, deployment.Status,
        deployment.Reports.Count == 0 ? DateTimeOffset.MinValue : deployment.Reports[^1].At,
        deployment.Reports.LastOrDefault(r => r.Where is not null)?.Where,
        deployment.Status == DeploymentStatus.Departed ? deployment.ExpectedArrival : null);
}
