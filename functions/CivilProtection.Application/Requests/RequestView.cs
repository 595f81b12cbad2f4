using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Requests;

/// <summary>A request as the API and pages show it: snapshot, stages, timeline, and what the viewer may do now.</summary>
public sealed record RequestView(
    string Id,
    string Reference,
    int Version,
    string Status,
    string RequestingAuthorityId,
    string AssistingAuthorityId,
    Incident Incident,
    string Urgency,
    IReadOnlyList<RequestedCapability> Capabilities,
    DateTimeOffset NeededBy,
    PointOfContact Contact,
    string Language,
    string FiledBy,
    DateTimeOffset FiledAt,
    DateTimeOffset UpdatedAt,
    int CurrentStageIndex,
    IReadOnlyList<StageView> Stages,
    IReadOnlyList<AuditEvent> Timeline,
    IReadOnlyList<string> AllowedActions)
{
    public static RequestView Of(AssistanceRequestState s, IReadOnlyList<AuditEvent> timeline, IReadOnlyList<string> allowedActions) => new(
        s.Id, s.Reference, s.Version, WireNames.Of(s.Status), s.RequestingAuthorityId, s.AssistingAuthorityId,
        s.Details.Incident, WireNames.Of(s.Details.Urgency), s.Details.Capabilities, s.Details.NeededBy, s.Details.Contact,
        s.Details.Language, s.FiledBy, s.FiledAt, s.UpdatedAt, s.CurrentStageIndex,
        s.Stages.Select(StageView.Of).ToList(), timeline, allowedActions);
}

/// <summary>One approval stage as shown.</summary>
public sealed record StageView(
    int Index, string Name, string AuthorityId, string ApproverGroup, string Status,
    DateTimeOffset? OpenedAt, DateTimeOffset? Deadline, string? DecidedBy, DateTimeOffset? DecidedAt, string? Comment)
{
    public static StageView Of(Stage s) => new(
        s.Index, s.Name, s.AuthorityId, s.ApproverGroup, WireNames.Of(s.Status), s.OpenedAt, s.Deadline, s.DecidedBy, s.DecidedAt, s.Comment);
}

/// <summary>The actions the pages offer, named as the API's decisions and sub-resources.</summary>
public static class RequestActions
{
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Return = "return";
    public const string Resubmit = "resubmit";
    public const string Cancel = "cancel";
}
