using System.Collections;
using CivilProtection.ServiceBusDouble.Store;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace CivilProtection.ServiceBusDouble.Amqp;

/// <summary>
/// An entity's <c>$management</c> node: the operations the SDK sends as requests rather than over a receive link
/// (lock renewal, scheduling and cancelling, peeking, deferred messages by sequence number, settling them).
/// </summary>
/// <remarks>A request carries its operation in the application properties and its arguments in a map body; the answer carries <c>statusCode</c>, and a map body.</remarks>
internal sealed class ManagementNode(MessageEntity entity)
{
    public AmqpMessage Handle(AmqpMessage request)
    {
        var operation = request.ApplicationProperties?.Map[RequestNames.Operation] as string;
        var body = request.ValueBody?.Value as AmqpMap ?? new AmqpMap();
        try
        {
            return operation switch
            {
                RequestNames.RenewLock => RenewLock(body),
                RequestNames.ScheduleMessage => ScheduleMessages(body),
                RequestNames.CancelScheduledMessage => CancelScheduledMessages(body),
                RequestNames.PeekMessage => Peek(body),
                RequestNames.ReceiveBySequenceNumber => ReceiveDeferred(body),
                RequestNames.UpdateDisposition => UpdateDisposition(body),
                _ => Answer(501, $"The double does not implement '{operation}'.", condition: AmqpErrorCode.NotImplemented),
            };
        }
        catch (LockLostException exception)
        {
            return Answer(410, exception.Message, condition: WireNames.MessageLockLostCondition);
        }
        catch (MessageNotFoundException exception)
        {
            return Answer(404, exception.Message, condition: WireNames.MessageNotFoundCondition);
        }
        catch (Exception exception) when (exception is InvalidCastException or ArgumentException or KeyNotFoundException or FormatException)
        {
            return Answer(400, $"Bad '{operation}' request: {exception.Message}", condition: WireNames.ArgumentErrorCondition);
        }
    }

    private AmqpMessage RenewLock(AmqpMap body)
    {
        var expirations = Guids(body[RequestNames.LockTokens]).Select(token => entity.RenewLock(token).UtcDateTime).ToArray();
        return Answer(200, "OK", new AmqpMap { [RequestNames.Expirations] = expirations });
    }

    private AmqpMessage ScheduleMessages(AmqpMap body)
    {
        var sequenceNumbers = new List<long>();
        foreach (var entry in Items(body[RequestNames.Messages]).Cast<AmqpMap>())
        {
            var content = MessageCodec.DecodeEncoded(Binary(entry[RequestNames.Message]));

            // A duplicate is dropped, as a send is; it has no sequence number to cancel, so 0 stands in.
            sequenceNumbers.Add(entity.Enqueue(content) ?? 0);
        }

        return Answer(200, "OK", new AmqpMap { [RequestNames.SequenceNumbers] = sequenceNumbers.ToArray() });
    }

    private AmqpMessage CancelScheduledMessages(AmqpMap body)
    {
        foreach (var sequenceNumber in Longs(body[RequestNames.SequenceNumbers]))
        {
            entity.CancelScheduled(sequenceNumber);
        }

        return Answer(200, "OK");
    }

    private AmqpMessage Peek(AmqpMap body)
    {
        var from = Convert.ToInt64(body[RequestNames.FromSequenceNumber] ?? 1L);
        var count = Convert.ToInt32(body[RequestNames.MessageCount] ?? 1);
        var peeked = entity.Peek(from, Math.Max(1, count));
        if (peeked.Count == 0)
        {
            // As Service Bus answers a peek past the last message.
            return Answer(204, "No messages to peek.");
        }

        var messages = peeked
            .Select(snapshot => (object)new AmqpMap { [RequestNames.Message] = MessageCodec.Encode(MessageCodec.ToAmqpMessage(snapshot, peeked: true)) })
            .ToList();
        return Answer(200, "OK", new AmqpMap { [RequestNames.Messages] = messages });
    }

    private AmqpMessage ReceiveDeferred(AmqpMap body)
    {
        // receiver-settle-mode 0 is receive-and-delete; 1 (the default) is peek-lock.
        var removeOnDelivery = body[RequestNames.ReceiverSettleMode] is { } mode && Convert.ToUInt32(mode) == 0;
        var received = entity.ReceiveDeferred(Longs(body[RequestNames.SequenceNumbers]).ToList(), removeOnDelivery);
        var messages = received.Select(snapshot =>
        {
            var entry = new AmqpMap { [RequestNames.Message] = MessageCodec.Encode(MessageCodec.ToAmqpMessage(snapshot, peeked: false)) };
            if (snapshot.LockToken is { } lockToken)
            {
                entry[RequestNames.LockToken] = lockToken;
            }

            return (object)entry;
        }).ToList();
        return Answer(200, "OK", new AmqpMap { [RequestNames.Messages] = messages });
    }

    /// <summary>Settles by lock token: messages received by sequence number, and any message after its receive link was lost.</summary>
    private AmqpMessage UpdateDisposition(AmqpMap body)
    {
        var status = (body[RequestNames.DispositionStatus] as string ?? string.Empty).ToLowerInvariant();
        var settlement = status switch
        {
            "completed" => Settlement.Complete,
            "abandoned" => Settlement.Abandon,
            "suspended" => Settlement.DeadLetter,
            // The SDK's enum is spelled "Defered", and goes on the wire lower-cased.
            "defered" or "deferred" => Settlement.Defer,
            _ => throw new ArgumentException($"Unknown disposition-status '{status}'."),
        };
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (body[RequestNames.PropertiesToModify] is AmqpMap toModify)
        {
            foreach (var (key, value) in toModify)
            {
                properties[key.ToString()] = value;
            }
        }

        foreach (var lockToken in Guids(body[RequestNames.LockTokens]))
        {
            entity.Settle(lockToken, settlement, properties, body[RequestNames.DeadLetterReason] as string, body[RequestNames.DeadLetterDescription] as string);
        }

        return Answer(200, "OK");
    }

    private static AmqpMessage Answer(int status, string description, AmqpMap? body = null, AmqpSymbol? condition = null)
    {
        var response = body is null ? AmqpMessage.Create() : AmqpMessage.Create(new AmqpValue { Value = body });
        response.ApplicationProperties.Map[RequestNames.StatusCode] = status;
        response.ApplicationProperties.Map[RequestNames.StatusDescription] = description;
        if (condition is { } symbol)
        {
            response.ApplicationProperties.Map[RequestNames.ErrorCondition] = symbol;
        }

        return response;
    }

    private static IEnumerable<object> Items(object? value) => value switch
    {
        null => throw new ArgumentException("A required list is missing."),
        string => throw new ArgumentException("Expected a list, not a string."),
        IEnumerable items => items.Cast<object>(),
        _ => throw new ArgumentException($"Expected a list, not {value.GetType().Name}."),
    };

    private static IEnumerable<Guid> Guids(object? value) => Items(value).Select(item => item is Guid guid ? guid : Guid.Parse(item.ToString()!));

    private static IEnumerable<long> Longs(object? value) => Items(value).Select(Convert.ToInt64);

    private static byte[] Binary(object? value) => value is ArraySegment<byte> segment
        ? segment.AsSpan().ToArray()
        : throw new ArgumentException("Expected a binary 'message'.");
}
