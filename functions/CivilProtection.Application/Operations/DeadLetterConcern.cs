using System.Text.Json;
using CivilProtection.Application.Messaging;
using CivilProtection.Application.Outbox;

namespace CivilProtection.Application.Operations;

/// <summary>
/// The requests a dead letter names: the one its body acts on, and its correlation id (the request id, on every message
/// the outbox sends). Both count, so a message whose two disagree is shown only to whom may see every request it names.
/// </summary>
public sealed record DeadLetterConcern(IReadOnlyList<string> RequestIds, int? StageIndex)
{
    public static DeadLetterConcern Of(ReceivedMessage message)
    {
        RequestMessageBody? body = null;
        try
        {
            body = JsonSerializer.Deserialize<RequestMessageBody>(message.Body, MessageJson.Options);
        }
        catch (JsonException)
        {
            // A body that cannot be read (often why it was dead-lettered) still has its correlation id.
        }
        var ids = new List<string>(2);
        if (body?.RequestId is { Length: > 0 } named)
        {
            ids.Add(named);
        }
        if (message.CorrelationId is { Length: > 0 } correlation && !ids.Contains(correlation, StringComparer.Ordinal))
        {
            ids.Add(correlation);
        }
        return new DeadLetterConcern(ids, body?.StageIndex);
    }
}
