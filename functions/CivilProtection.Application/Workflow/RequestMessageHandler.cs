using System.Text.Json;
using CivilProtection.Application.Indexes;
using CivilProtection.Application.Messaging;
using CivilProtection.Application.Outbox;

namespace CivilProtection.Application.Workflow;

/// <summary>Shared reading of a request message: a body that cannot be read, or names no request, is poison.</summary>
public abstract class RequestMessageHandler(RequestIndexProjector projector, IndexParts parts) : IMessageHandler
{
    public abstract string Queue { get; }

    public virtual bool AwaitedByPeople => false;

    public async Task<HandlingResult> HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        RequestMessageBody? body;
        try
        {
            body = JsonSerializer.Deserialize<RequestMessageBody>(message.Body, MessageJson.Options);
        }
        catch (JsonException ex)
        {
            return HandlingResult.Poison("MalformedBody", ex.Message);
        }
        if (body is null || string.IsNullOrEmpty(body.RequestId))
        {
            return HandlingResult.Poison("MalformedBody", "The message names no request.");
        }
        if (!await projector.ReconcileAsync(body.RequestId, cancellationToken, parts, body.Version))
        {
            return HandlingResult.Poison("UnknownRequest", $"There is no request {body.RequestId}.");
        }
        return HandlingResult.Done;
    }
}

/// <summary>A stage opened: its item lands in the inbox of the stage's authority and approver group.</summary>
public sealed class ApprovalRoutingHandler(RequestIndexProjector projector) : RequestMessageHandler(projector, IndexParts.Inboxes)
{
    public override string Queue => Queues.ApprovalRouting;

    // Under a sustained load, held back as background work, new items fell over a second behind (docs/architecture.md).
    public override bool AwaitedByPeople => true;
}

/// <summary>A request changed: the lists by authority and status catch up, and inboxes drop items whose stage was decided.</summary>
public sealed class RequestEventsHandler(RequestIndexProjector projector) : RequestMessageHandler(projector, IndexParts.All)
{
    public override string Queue => Queues.RequestEvents;
}
