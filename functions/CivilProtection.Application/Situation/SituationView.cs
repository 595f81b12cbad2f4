using CivilProtection.Application.Deployments;
using CivilProtection.Application.Rosters;
using CivilProtection.Domain.Notices;
using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Situation;

/// <summary>
/// An authority's situation at a glance: its requests in progress (sent and received) counted by status and by urgency,
/// the newest of them with their place and coverage, its deployments, who of each team is on call now, the notices
/// waiting for its acknowledgement, and the map the page draws them on.
/// </summary>
/// <param name="InProgress">How many requests in progress the authority's list holds (beyond <paramref name="Requests"/>; counting stops at 2,000).</param>
/// <param name="MoreRequests">The list holds more requests in progress than <paramref name="Requests"/> shows (the newest are shown).</param>
public sealed record SituationView(
    string AuthorityId,
    DateTimeOffset At,
    int InProgress,
    IReadOnlyList<SituationCount> ByStatus,
    IReadOnlyList<SituationCount> ByUrgency,
    IReadOnlyList<SituationRequest> Requests,
    bool MoreRequests,
    IReadOnlyList<DeploymentView> Deployments,
    IReadOnlyList<OnCallView> OnCall,
    IReadOnlyList<WaitingNotice> Notices,
    SituationMap Map);

/// <summary>How many requests in progress have one status or one urgency (its wire name); zero counts are listed too.</summary>
public sealed record SituationCount(string Name, int Count);

/// <summary>
/// A request in progress as the situation shows it: enough to recognise it, where it happens, and how much of what it asks
/// partners have offered and the requester accepted (for a request out to partners; empty otherwise).
/// </summary>
public sealed record SituationRequest(
    string RequestId,
    string Reference,
    string Title,
    string Status,
    string Urgency,
    string RequestingAuthorityId,
    string Place,
    Coordinates? Coordinates,
    DateTimeOffset FiledAt,
    IReadOnlyList<LineCoverage> Coverage);

/// <summary>An open notice paging the authority's people that nobody has acknowledged yet, and when it escalates.</summary>
public sealed record WaitingNotice(
    string RequestId, string Reference, string NoticeId, NoticeKind Kind, string Team, int Step, int Round, DateTimeOffset OpenedAt, DateTimeOffset? EscalatesAt);

/// <summary>The map's background tiles (<c>{z}/{x}/{y}</c> URL template and the attribution its licence asks for); no tiles when <paramref name="TileUrl"/> is null.</summary>
public sealed record SituationMap(string? TileUrl, string? Attribution)
{
    public static SituationMap Of(MapOptions options) =>
        string.IsNullOrWhiteSpace(options.TileUrl) ? new(null, null) : new(options.TileUrl, options.Attribution);
}
