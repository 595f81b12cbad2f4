using CivilProtection.ServiceBusDouble.Store;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace CivilProtection.ServiceBusDouble.Amqp;

/// <summary>Reads what senders send (single messages and the SDK's batches) and builds what receivers get.</summary>
internal static class MessageCodec
{
    /// <summary>The messages one transfer carries: one, or each message of a batch (the SDK's <c>SendMessagesAsync</c> and <c>ServiceBusMessageBatch</c>).</summary>
    public static IReadOnlyList<MessageContent> Decode(AmqpMessage received)
    {
        if (received.MessageFormat != AmqpConstants.AmqpBatchedMessageFormat)
        {
            return [ContentOf(received)];
        }

        var contents = new List<MessageContent>();
        foreach (var data in received.DataBody ?? [])
        {
            contents.Add(DecodeEncoded(Copy((ArraySegment<byte>)data.Value)));
        }

        return contents;
    }

    /// <summary>One message encoded as a whole, as the management operations carry them.</summary>
    public static MessageContent DecodeEncoded(byte[] encoded)
    {
        using var message = AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([new ArraySegment<byte>(encoded)]), true);
        return ContentOf(message);
    }

    /// <summary>The message a receiver gets: the sender's content, the broker's annotations, and the delivery count so far.</summary>
    /// <param name="peeked">A peek reports the deliveries so far; a delivery reports those before it, and the SDK adds one.</param>
    public static AmqpMessage ToAmqpMessage(MessageSnapshot snapshot, bool peeked)
    {
        var content = snapshot.Content;
        var message = content.BodyKind switch
        {
            MessageBodyKind.Data => AmqpMessage.Create(content.Data.Select(bytes => new Data { Value = new ArraySegment<byte>(bytes) })),
            MessageBodyKind.Value => AmqpMessage.Create(new AmqpValue { Value = content.Value }),
            MessageBodyKind.Sequence => AmqpMessage.Create(content.Sequence.Select(list => new AmqpSequence(list))),
            _ => AmqpMessage.Create(),
        };

        CopyProperties(content.Properties, message.Properties);
        message.Header.DeliveryCount = (uint)Math.Max(0, peeked ? snapshot.DeliveryCount : snapshot.DeliveryCount - 1);
        message.Header.Ttl = content.TimeToLiveMilliseconds;
        message.Header.Priority = content.Priority;
        message.Header.Durable = content.Durable;

        if (content.ApplicationProperties.Count > 0 || snapshot.ModifiedProperties.Count > 0)
        {
            message.ApplicationProperties = new ApplicationProperties();
            foreach (var (key, value) in content.ApplicationProperties)
            {
                message.ApplicationProperties.Map[key] = value;
            }

            foreach (var (key, value) in snapshot.ModifiedProperties)
            {
                message.ApplicationProperties.Map[key] = value;
            }
        }

        var annotations = message.MessageAnnotations.Map;
        foreach (var (key, value) in content.SenderAnnotations)
        {
            annotations[key] = value;
        }

        annotations[WireNames.SequenceNumber] = snapshot.SequenceNumber;
        annotations[WireNames.EnqueueSequenceNumber] = snapshot.SequenceNumber;
        annotations[WireNames.EnqueuedTime] = snapshot.EnqueuedTime.UtcDateTime;
        annotations[WireNames.MessageState] = (int)snapshot.State;
        if (snapshot.LockToken is not null)
        {
            annotations[WireNames.LockedUntil] = snapshot.LockedUntil.UtcDateTime;
        }

        if (snapshot.DeadLetterSource is { } source)
        {
            annotations[WireNames.DeadLetterSource] = source;
        }

        return message;
    }

    /// <summary>A whole message as one binary value, for the <c>message</c> entries of management answers.</summary>
    public static ArraySegment<byte> Encode(AmqpMessage message)
    {
        using var stream = message.ToStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new ArraySegment<byte>(copy.ToArray());
    }

    private static MessageContent ContentOf(AmqpMessage message)
    {
        var sections = message.Sections;
        var bodyKind = MessageBodyKind.Empty;
        IReadOnlyList<byte[]> data = [];
        object? value = null;
        IReadOnlyList<System.Collections.IList> sequence = [];
        if ((message.BodyType & SectionFlag.Data) != 0 && message.DataBody is { } dataBody)
        {
            bodyKind = MessageBodyKind.Data;
            data = dataBody.Select(section => Copy((ArraySegment<byte>)section.Value)).ToList();
        }
        else if ((message.BodyType & SectionFlag.AmqpValue) != 0 && message.ValueBody is { } valueBody)
        {
            bodyKind = MessageBodyKind.Value;
            value = valueBody.Value is ArraySegment<byte> binary ? new ArraySegment<byte>(Copy(binary)) : valueBody.Value;
        }
        else if ((message.BodyType & SectionFlag.AmqpSequence) != 0 && message.SequenceBody is { } sequenceBody)
        {
            bodyKind = MessageBodyKind.Sequence;
            sequence = sequenceBody.Select(section => section.List).ToList();
        }

        var senderAnnotations = new List<KeyValuePair<MapKey, object>>();
        DateTimeOffset? scheduled = null;
        if ((sections & SectionFlag.MessageAnnotations) != 0)
        {
            foreach (var (key, annotation) in message.MessageAnnotations.Map)
            {
                var name = key.ToString();
                if (WireNames.IsBrokerAnnotation(name))
                {
                    continue;
                }

                if (name == WireNames.ScheduledEnqueueTime && annotation is DateTime at)
                {
                    scheduled = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc));
                }

                senderAnnotations.Add(new(key, annotation));
            }
        }

        var header = (sections & SectionFlag.Header) != 0 ? message.Header : null;
        return new MessageContent
        {
            Properties = (sections & SectionFlag.Properties) != 0 ? CopyProperties(message.Properties, new Properties()) : null,
            ApplicationProperties = (sections & SectionFlag.ApplicationProperties) != 0
                ? message.ApplicationProperties.Map.Select(pair => new KeyValuePair<MapKey, object>(pair.Key, pair.Value)).ToList()
                : [],
            SenderAnnotations = senderAnnotations,
            TimeToLiveMilliseconds = header?.Ttl,
            Priority = header?.Priority,
            Durable = header?.Durable,
            BodyKind = bodyKind,
            Data = data,
            Value = value,
            Sequence = sequence,
            ScheduledEnqueueTime = scheduled,
        };
    }

    private static Properties CopyProperties(Properties? from, Properties to)
    {
        if (from is null)
        {
            return to;
        }

        to.MessageId = from.MessageId;
        to.UserId = from.UserId.Array is null ? from.UserId : new ArraySegment<byte>(Copy(from.UserId));
        to.To = from.To;
        to.Subject = from.Subject;
        to.ReplyTo = from.ReplyTo;
        to.CorrelationId = from.CorrelationId;
        to.ContentType = from.ContentType;
        to.ContentEncoding = from.ContentEncoding;
        to.AbsoluteExpiryTime = from.AbsoluteExpiryTime;
        to.CreationTime = from.CreationTime;
        to.GroupId = from.GroupId;
        to.GroupSequence = from.GroupSequence;
        to.ReplyToGroupId = from.ReplyToGroupId;
        return to;
    }

    private static byte[] Copy(ArraySegment<byte> segment) => segment.Array is null ? [] : segment.AsSpan().ToArray();
}
