using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Sms;

// What each SMS says, one record per kind. Language is the recipient's (fr, en, ar); times are formatted in
// TimeZone, the recipient authority's IANA zone. Summary is the one free text that is shortened to fit.

/// <summary>An approval stage opened: the on-call approver is asked to acknowledge (<c>OK 4821</c>) and decide.</summary>
/// <param name="Deadline">The stage's decision deadline; null leaves it out.</param>
/// <param name="AcknowledgementCode">The digits only (<c>4821</c>); the text asks for <c>OK 4821</c>.</param>
public sealed record StageNoticeSms(
    string Language, string Reference, Urgency Urgency, string RequestingAuthority, string Summary,
    DateTimeOffset? Deadline, string TimeZone, Uri Link, string AcknowledgementCode);

/// <summary>A request was approved: the assisting authority's operations duty officer is told and acknowledges.</summary>
/// <param name="NeededBy">When the assistance is needed; null leaves it out.</param>
public sealed record OperationsNoticeSms(
    string Language, string Reference, Urgency Urgency, string RequestingAuthority, string Summary,
    DateTimeOffset? NeededBy, string TimeZone, Uri Link, string AcknowledgementCode);

/// <summary>
/// The exchange with partners: an asked partner's contact point is told the request asks it for an offer, or the
/// requester's contact point that an offer arrived (<paramref name="OfferArrived"/>).
/// </summary>
public sealed record ExchangeNoticeSms(
    string Language, string Reference, Urgency Urgency, string RequestingAuthority, string Summary, bool OfferArrived,
    DateTimeOffset? NeededBy, string TimeZone, Uri Link, string AcknowledgementCode);

/// <summary>The answer to an acknowledgement; <paramref name="AlreadyAcknowledgedBy"/> when someone else was first.</summary>
public sealed record AcknowledgedSms(string Language, string Reference, string? AlreadyAcknowledgedBy = null);

/// <summary>Nobody acknowledged a notice through every tier and round: the authority's admins are alerted.</summary>
/// <param name="Team">The team that was paged (an approver group, or <c>operations</c>); null leaves it out.</param>
/// <param name="Unacknowledged">How long the notice has waited; null leaves it out.</param>
/// <param name="AcknowledgementCode">When admins may acknowledge too; null leaves the reply instruction out.</param>
public sealed record EscalationSms(
    string Language, string Reference, Urgency Urgency, string Summary, Uri Link,
    string? Team = null, TimeSpan? Unacknowledged = null, string? AcknowledgementCode = null);

/// <summary>A responder is offered a mission and answers 1/YES/OUI/نعم or 2/NO/NON/لا.</summary>
/// <param name="Capability">A catalogue code (<c>high-capacity-pumping</c>), shown in the recipient's language.</param>
/// <param name="Summary">The incident in one line; the part shortened to fit.</param>
/// <param name="Role">The role of the module's team asked for (<c>pump-operator</c>), named after the capability; null where none applies.</param>
public sealed record DispatchOfferSms(
    string Language, string Reference, string Capability, string Summary, string Where, string MeetingPoint,
    DateTimeOffset ReportAt, string TimeZone, string? Role = null);

/// <summary>The answer to a responder's reply: accepted (with the meeting point again, when given) or declined.</summary>
public sealed record DispatchAnswerSms(
    string Language, string Reference, bool Accepted, string? MeetingPoint = null, DateTimeOffset? ReportAt = null, string TimeZone = "UTC");

/// <summary>The answer to a reply the app could not read: how to acknowledge and how to answer a mission.</summary>
public sealed record NotUnderstoodSms(string Language);

/// <summary>The provider refuses our account or sender: the admins' alert.</summary>
public sealed record ProviderAlertSms(string Language, int ErrorCode, DateTimeOffset Since, string TimeZone);

/// <summary>
/// A party of the exchange is told what another did (<paramref name="Action"/>, a timeline action such as <c>amended</c>);
/// <paramref name="OtherParty"/> is who did it, the part shortened to fit; <paramref name="LineCode"/> the requested line
/// no longer needed.
/// </summary>
public sealed record PartyInformedSms(string Language, string Reference, string Action, string OtherParty, string? LineCode, Uri Link);
