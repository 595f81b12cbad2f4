using CivilProtection.Application.Zones;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Requests;

/// <summary>
/// A request as the API and pages show it: snapshot, stages, timeline, and what the viewer may do now. Each deadline and
/// meeting time both authorities see comes with its local time in each authority's zone (<c>…Local</c>, <see cref="ConcernedZones"/>).
/// </summary>
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
    IReadOnlyList<string> AllowedActions,
    IReadOnlyList<NoticeView> Notices,
    DispatchView? Dispatch,
    IReadOnlyList<LocalTimeView> NeededByLocal,
    Offers.ExchangeView? Exchange = null)
{
    /// <summary>
    /// On a request to partners, for coordinators of an authority with commitments: the people its accepted lines call
    /// for (per capability and role of its team), so its dispatch form shows what to fill before the dispatch starts.
    /// </summary>
    public IReadOnlyList<Domain.Dispatch.CapabilityNeed>? DispatchNeeds { get; init; }

    /// <summary>The capability catalogue version the request was filed with (<c>legacy-1</c> for one stored before versions): its codes' names come from it.</summary>
    public string CatalogueVersion { get; init; } = CatalogueVersions.Legacy.Version;

    public static RequestView Of(
        AssistanceRequestState s, IReadOnlyList<AuditEvent> timeline, IReadOnlyList<string> allowedActions, ConcernedZones zones,
        IReadOnlyList<NoticeView>? notices = null, DispatchView? dispatch = null) => new(
        s.Id, s.Reference, s.Version, WireNames.Of(s.Status), s.RequestingAuthorityId, s.AssistingAuthorityId,
        s.Details.Incident, WireNames.Of(s.Details.Urgency), s.Details.Capabilities, s.Details.NeededBy, s.Details.Contact,
        s.Details.Language, s.FiledBy, s.FiledAt, s.UpdatedAt, s.CurrentStageIndex,
        s.Stages.Select(stage => StageView.Of(stage, zones)).ToList(), timeline, allowedActions, notices ?? [], dispatch, zones.At(s.Details.NeededBy))
    {
        CatalogueVersion = s.CatalogueVersion ?? CatalogueVersions.Legacy.Version,
    };

    /// <summary>The authorities whose zones a request's times are shown in: the requesting one first.</summary>
    public static IReadOnlyList<string> AuthoritiesOf(AssistanceRequestState s) => s.PartyAuthorityIds;
}

/// <summary>An on-call notice as shown: who is being paged, and its acknowledgement code to the people it pages.</summary>
public sealed record NoticeView(
    string NoticeId, Domain.Notices.NoticeKind Kind, int? StageIndex, string AuthorityId, string Team, string Status, int Step, int Round,
    DateTimeOffset OpenedAt, DateTimeOffset? EscalatesAt, string? Code, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, string? AcknowledgedVia,
    IReadOnlyList<Domain.Notices.NoticeAttempt> Attempts, IReadOnlyList<LocalTimeView>? EscalatesAtLocal)
{
    public static NoticeView Of(Domain.Notices.NoticeState n, bool showCode, ConcernedZones zones) => new(
        n.NoticeId, n.Kind, n.StageIndex, n.AuthorityId, n.Team, n.Status.ToString().ToLowerInvariant(), n.Step, n.Round,
        n.OpenedAt, n.EscalatesAt, showCode ? n.Code : null, n.AcknowledgedBy, n.AcknowledgedAt, n.AcknowledgedVia, n.Attempts, zones.At(n.EscalatesAt));
}

/// <summary>The dispatch as shown: per capability needed, asked, accepted, declined, silent; and every offer.</summary>
public sealed record DispatchView(
    string MeetingPoint, DateTimeOffset ReportAt, IReadOnlyList<Domain.Dispatch.CapabilityCoverage> Coverage, IReadOnlyList<OfferView> Offers, bool Covered,
    IReadOnlyList<LocalTimeView> ReportAtLocal)
{
    public static DispatchView Of(Domain.Dispatch.DispatchState state, ConcernedZones zones)
    {
        var dispatch = Domain.Dispatch.ResponderDispatch.Restore(state);
        return new(state.MeetingPoint, state.ReportAt, dispatch.Coverage(),
            state.Offers.Select(o => new OfferView(
                o.PersonId, o.PersonName, o.Capability, o.Status.ToString().ToLowerInvariant(), o.AskedAt, o.AnswerBy, o.AnsweredAt, zones.At(o.AnswerBy), o.Role)).ToList(),
            dispatch.IsCovered, zones.At(state.ReportAt));
    }
}

/// <summary>One responder asked, as shown; <paramref name="Role"/> the role of the committed module's team, where one applies.</summary>
public sealed record OfferView(
    string PersonId, string PersonName, string Capability, string Status, DateTimeOffset AskedAt, DateTimeOffset AnswerBy, DateTimeOffset? AnsweredAt,
    IReadOnlyList<LocalTimeView> AnswerByLocal, string? Role = null);

/// <summary>One approval stage as shown.</summary>
public sealed record StageView(
    int Index, string Name, string AuthorityId, string ApproverGroup, string Status,
    DateTimeOffset? OpenedAt, DateTimeOffset? Deadline, string? DecidedBy, DateTimeOffset? DecidedAt, string? Comment, IReadOnlyList<LocalTimeView>? DeadlineLocal)
{
    public static StageView Of(Stage s, ConcernedZones zones) => new(
        s.Index, s.Name, s.AuthorityId, s.ApproverGroup, WireNames.Of(s.Status), s.OpenedAt, s.Deadline, s.DecidedBy, s.DecidedAt, s.Comment, zones.At(s.Deadline));
}

/// <summary>The actions the pages offer, named as the API's decisions and sub-resources.</summary>
public static class RequestActions
{
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Return = "return";
    public const string Resubmit = "resubmit";
    public const string Cancel = "cancel";
    public const string Acknowledge = "acknowledge";
    public const string Dispatch = "dispatch";
    public const string Close = "close";
    public const string Offer = "offer";
    public const string DeclineToOffer = "decline-to-offer";
    public const string Amend = "amend";
    public const string CloseToOffers = "close-to-offers";
    public const string Withdraw = "withdraw";
    public const string Ask = "ask";
    public const string Answer = "answer";
    public const string Decide = "decide";
}
