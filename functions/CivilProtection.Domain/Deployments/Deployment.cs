using CivilProtection.Domain.Dispatch;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Deployments;

/// <summary>
/// One assisting authority's deployment on a request to partners: its commitments become teams that mobilise, depart,
/// arrive on site, operate, demobilise and return. Each report is checked against where the deployment stands and
/// records a timeline line.
/// </summary>
public sealed partial class Deployment
{
    private readonly List<AuditEvent> _events = [];

    private Deployment(DeploymentState state) => State = state;

    public DeploymentState State { get; private set; }

    public IReadOnlyList<AuditEvent> Events => _events;

    public static Deployment Restore(DeploymentState state) => new(state);

    /// <summary>
    /// The authority's commitments on the request start mobilising; <paramref name="people"/> is how many people they
    /// call for (<see cref="CommitmentNeeds"/>). Refused without a commitment.
    /// </summary>
    public static Deployment Mobilise(AssistanceRequestState request, string authorityId, int people, Actor by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(by);
        if (!request.IsExchange || CommitmentNeeds.CommitmentsOf(request, authorityId).Count == 0)
        {
            throw new TransitionRefusedException($"{authorityId} has no accepted offer on this request to deploy.");
        }
        var report = new StatusReport(DeploymentStatus.Mobilising, now, by.UserId, by.DisplayName, null, null);
        var deployment = new Deployment(new DeploymentState(request.Id, authorityId, people, DeploymentStatus.Mobilising, null, [report])
        {
            PlannedEnd = PlannedEndOf(request, authorityId),
            Version = 1,
        });
        deployment.Record(report);
        return deployment;
    }

    /// <summary>
    /// Reports the deployment's new status. Departing needs an estimated arrival no earlier than the report; a status
    /// is only reached from the one before it (demobilising also straight from arrival), and nothing follows the return.
    /// </summary>
    public StatusReport Report(
        DeploymentStatus status, Actor by, DateTimeOffset now, GeoPosition? where = null, string? comment = null, DateTimeOffset? expectedArrival = null)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!CanMove(State.Status, status))
        {
            throw new TransitionRefusedException(
                $"A deployment that is {WireNames.Of(State.Status)} cannot be reported {WireNames.Of(status)}.");
        }
        if (status == DeploymentStatus.Departed && expectedArrival is null)
        {
            throw new TransitionRefusedException("A departure gives its estimated arrival.");
        }
        if (expectedArrival is { } eta && (status != DeploymentStatus.Departed || eta < now))
        {
            throw new TransitionRefusedException(status == DeploymentStatus.Departed
                ? "The estimated arrival cannot be in the past."
                : "Only a departure gives an estimated arrival.");
        }
        var report = new StatusReport(status, now, by.UserId, by.DisplayName, where, comment, expectedArrival);
        State = State with
        {
            Status = status,
            ExpectedArrival = expectedArrival ?? State.ExpectedArrival,
            Reports = [.. State.Reports, report],
            Version = State.Version + 1,
        };
        Record(report);
        return report;
    }

    /// <summary>Whether the teams were expected on site by <paramref name="now"/> and no arrival was reported.</summary>
    public bool IsArrivalOverdue(DateTimeOffset now, TimeSpan grace) =>
        State.Status == DeploymentStatus.Departed && State.ExpectedArrival is { } eta && now >= eta + grace;

    /// <summary>Whether a deployment may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(DeploymentStatus from, DeploymentStatus to) => (from, to) switch
    {
        (DeploymentStatus.Mobilising, DeploymentStatus.Departed) => true,
        (DeploymentStatus.Departed, DeploymentStatus.ArrivedOnSite) => true,
        (DeploymentStatus.ArrivedOnSite, DeploymentStatus.Operating) => true,
        (DeploymentStatus.ArrivedOnSite or DeploymentStatus.Operating, DeploymentStatus.Demobilising) => true,
        (DeploymentStatus.Demobilising, DeploymentStatus.Returned) => true,
        _ => false,
    };

    // The latest end the accepted lines' terms give: each line's earliest arrival plus its duration.
    private static DateTimeOffset? PlannedEndOf(AssistanceRequestState request, string authorityId) =>
        CommitmentNeeds.CommitmentsOf(request, authorityId).SelectMany(o => o.Lines).Where(l => l.Accepted > 0)
            .Select(l => (DateTimeOffset?)l.EarliestArrival.AddDays(l.DurationDays)).Max();

    private void Record(StatusReport report)
    {
        var comment = report.Comment is null
            ? WireNames.Of(report.Status)
            : $"{WireNames.Of(report.Status)}: {report.Comment}";
        _events.Add(new AuditEvent(0, report.At, report.ReportedBy, report.ReporterName, AuditActions.DeploymentReported, comment, null,
            AuthorityId: State.AuthorityId));
    }
}
