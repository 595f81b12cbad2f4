using System.Text.Json;
using CivilProtection.Application.Messaging;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Outbox;

/// <summary>Which queue carries each kind of request message, and the JSON it travels as.</summary>
public static class OutboxRouting
{
    public static string QueueFor(string kind) => kind switch
    {
        RequestMessageKinds.StageOpened => Queues.ApprovalRouting,
        RequestMessageKinds.RequestChanged => Queues.RequestEvents,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No queue carries this kind of message."),
    };

    public static OutboxRow ToRow(RequestMessage message, string correlationId) => new(
        message.RequestId,
        message.MessageId,
        QueueFor(message.Kind),
        message.Kind,
        JsonSerializer.Serialize(new RequestMessageBody(message.Kind, message.RequestId, message.Version, message.StageIndex), MessageJson.Options),
        correlationId);
}

/// <summary>The JSON body of a request message on the queue.</summary>
public sealed record RequestMessageBody(string Kind, string RequestId, int Version, int? StageIndex);

/// <summary>The JSON settings every message body is written and read with.</summary>
public static class MessageJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
