using System.Text.Json;
using CivilProtection.Application.Messaging;
using CivilProtection.Application.Workflow;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Outbox;

/// <summary>Which queue carries each kind of request message, and the JSON it travels as.</summary>
public static class OutboxRouting
{
    public static string QueueFor(string kind) => kind switch
    {
        RequestMessageKinds.StageOpened => Queues.ApprovalRouting,
        RequestMessageKinds.RequestChanged => Queues.RequestEvents,
        // The contact point on call is told by SMS (request-changed keeps the lists current).
        RequestMessageKinds.PartnerInformed => Queues.Notifications,
        RequestMessageKinds.NoticeRequested => Queues.Notifications,
        RequestMessageKinds.OffersDeadline => Queues.Escalations,
        RequestMessageKinds.MissionCheck => Queues.Escalations,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No queue carries this kind of message."),
    };

    /// <summary>The outbox row handing one SMS to the sender: pages on a queue of their own, so no dispatch holds them up.</summary>
    public static OutboxRow SmsToSend(Sms.SmsRecord sms, string correlationId) => new(
        sms.RequestId, $"sms:{sms.SmsId}", Sms.SmsRecord.PriorityOf(sms.Purpose) == Sms.SmsPriority.Paging ? Queues.SmsPaging : Queues.SmsOutbound, "sms",
        JsonSerializer.Serialize(new RequestMessageBody("sms", sms.RequestId, 0, null, SmsId: sms.SmsId), MessageJson.Options), correlationId,
        TraceParent: WorkflowTelemetry.CurrentTraceParent());

    /// <summary>A scheduled check: does a notice still need escalating at <paramref name="at"/>?</summary>
    public static OutboxRow NoticeCheck(string requestId, string noticeId, int step, DateTimeOffset at, string correlationId) => new(
        requestId, $"{requestId}:{noticeId}:check:{step}", Queues.Escalations, "notice-check",
        JsonSerializer.Serialize(new RequestMessageBody("notice-check", requestId, 0, null, NoticeId: noticeId, Step: step), MessageJson.Options),
        correlationId, at, WorkflowTelemetry.CurrentTraceParent());

    /// <summary>A scheduled check: did a responder answer before <paramref name="at"/>?</summary>
    /// <param name="authorityId">The authority whose dispatch asked, on a request to partners; null for a two-sided route.</param>
    public static OutboxRow OfferCheck(string requestId, string? authorityId, string personId, DateTimeOffset at, string correlationId) => new(
        requestId, $"{requestId}:offer:{personId}:check", Queues.Escalations, "offer-check",
        JsonSerializer.Serialize(new RequestMessageBody("offer-check", requestId, 0, null, PersonId: personId, AuthorityId: authorityId), MessageJson.Options),
        correlationId, at, WorkflowTelemetry.CurrentTraceParent());

    /// <summary>A scheduled check: were the departed teams of <paramref name="authorityId"/> reported on site before <paramref name="at"/>?</summary>
    public static OutboxRow ArrivalCheck(string requestId, string authorityId, DateTimeOffset at, string correlationId) => new(
        requestId, $"{requestId}:arrival:{authorityId}:check", Queues.Escalations, ArrivalCheckKind,
        JsonSerializer.Serialize(new RequestMessageBody(ArrivalCheckKind, requestId, 0, null, AuthorityId: authorityId), MessageJson.Options),
        correlationId, at, WorkflowTelemetry.CurrentTraceParent());

    public const string ArrivalCheckKind = "arrival-check";

    /// <summary>A check that the mission may be over, after a change outside the request's own row (a deployment home, a claim paid).</summary>
    /// <param name="cause">What changed, so that each change has its own message (the queue drops repeats of an id).</param>
    public static OutboxRow MissionCheck(string requestId, string cause, string correlationId) => new(
        requestId, $"{requestId}:mission-check:{cause}", Queues.Escalations, RequestMessageKinds.MissionCheck,
        JsonSerializer.Serialize(new RequestMessageBody(RequestMessageKinds.MissionCheck, requestId, 0, null), MessageJson.Options),
        correlationId, TraceParent: WorkflowTelemetry.CurrentTraceParent());

    /// <summary>The outbox rows of the messages a transition of <paramref name="request"/> must send.</summary>
    public static IReadOnlyList<OutboxRow> RowsOf(AssistanceRequest request) =>
        request.NewMessages.Select(m => ToRow(m, request.State.CorrelationId)).ToList();

    public static OutboxRow ToRow(RequestMessage message, string correlationId) => new(
        message.RequestId,
        message.MessageId,
        QueueFor(message.Kind),
        message.Kind,
        JsonSerializer.Serialize(
            new RequestMessageBody(
                message.Kind, message.RequestId, message.Version, message.StageIndex, AuthorityId: message.AuthorityId, OfferId: message.OfferId, Action: message.Action),
            MessageJson.Options),
        correlationId,
        message.DueAt,
        WorkflowTelemetry.CurrentTraceParent());
}

/// <summary>The JSON body of a request message on the queue.</summary>
/// <remarks>Also the body of the <c>sms-outbound</c> and <c>escalations</c> messages, with their own fields.</remarks>
public sealed record RequestMessageBody(
    string Kind, string RequestId, int Version, int? StageIndex, string? SmsId = null, string? NoticeId = null, int? Step = null, string? PersonId = null,
    string? AuthorityId = null, string? OfferId = null, string? Action = null);

/// <summary>The JSON settings every message body is written and read with.</summary>
public static class MessageJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
