using CivilProtection.Domain.Deployments;
using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Deployments;

/// <summary>A request's deployments as its parties see them, with the coverage of what it asked for.</summary>
/// <param name="PeopleAway">People away from home (departed, not yet returned) per assisting authority shown.</param>
/// <param name="AfterActionNotes">The notes the viewer may read: the requester reads all, a partner its own and the requester's.</param>
/// <param name="AfterActionNotesOwed">The parties (the requester, each authority whose offer was accepted) whose note is still missing.</param>
public sealed record RequestDeploymentsView(
    string RequestId, string Reference, string RequestStatus, IReadOnlyList<DeploymentView> Deployments, IReadOnlyDictionary<string, int> PeopleAway,
    IReadOnlyList<LineCoverage> Coverage, IReadOnlyList<Domain.Requests.AfterActionNote> AfterActionNotes, IReadOnlyList<string> AfterActionNotesOwed);

/// <summary>
/// One assisting authority's deployment on a request. Before its first report it shows as mobilising since its offer
/// was accepted, at version 0.
/// </summary>
/// <param name="ArrivalOverdue">Departed, and not reported on site by the estimated arrival plus the configured grace.</param>
/// <param name="AllowedActions">What the viewer may do now: report, extend, decide-extension, release.</param>
public sealed record DeploymentView(
    string RequestId,
    string Reference,
    string AuthorityId,
    string RequestingAuthorityId,
    int People,
    string Status,
    DateTimeOffset Since,
    DateTimeOffset? ExpectedArrival,
    bool ArrivalOverdue,
    DateTimeOffset? PlannedEnd,
    GeoPosition? LastKnownPosition,
    int Version,
    ExtensionView? Extension,
    DeploymentRelease? Release,
    IReadOnlyList<StatusReportView> Reports,
    IReadOnlyList<string> AllowedActions);

/// <summary>One status report: what, when, by whom, where, why.</summary>
public sealed record StatusReportView(string Status, DateTimeOffset At, string ReportedBy, string ReporterName, GeoPosition? Where, string? Comment, DateTimeOffset? ExpectedArrival)
{
    public static StatusReportView Of(StatusReport r) =>
        new(WireNames.Of(r.Status), r.At, r.ReportedBy, r.ReporterName, r.Where, r.Comment, r.ExpectedArrival);
}

/// <summary>The latest extension asked for, and where its decision stands.</summary>
public sealed record ExtensionView(
    DateTimeOffset Until, string Reason, string AskerName, DateTimeOffset AskedAt, string Status, int CurrentStageIndex, IReadOnlyList<ExtensionStage> Stages)
{
    public static ExtensionView? Of(DeploymentState state) => state.Extensions.Count == 0 ? null : Of(state.Extensions[^1]);

    private static ExtensionView Of(ExtensionRequest e) =>
        new(e.Until, e.Reason, e.AskerName, e.AskedAt, WireNames.Of(e.Status), e.CurrentStageIndex, e.Stages);
}

/// <summary>One person on a mission: for the assisting authority's list of its people away, with duty time since departure.</summary>
/// <param name="DutyHours">Hours since the teams departed, to the tenth.</param>
public sealed record PersonOnMission(
    string PersonId, string Name, string RequestId, string Reference, string Capability, string? Role, string Status, DateTimeOffset DepartedAt,
    double DutyHours);
