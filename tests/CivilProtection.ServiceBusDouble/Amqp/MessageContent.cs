using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace CivilProtection.ServiceBusDouble.Amqp;

/// <summary>What a sender sent, copied out of its AMQP message: the double re-encodes it for every delivery with the broker's own annotations.</summary>
/// <remarks>Immutable once built, so any number of deliveries and peeks may read it at once.</remarks>
internal sealed class MessageContent
{
    public required Properties? Properties { get; init; }

    public required IReadOnlyList<KeyValuePair<MapKey, object>> ApplicationProperties { get; init; }

    /// <summary>The sender's message annotations (scheduled time, partition key and the like), without the ones the broker owns.</summary>
    public required IReadOnlyList<KeyValuePair<MapKey, object>> SenderAnnotations { get; init; }

    public required uint? TimeToLiveMilliseconds { get; init; }

    public required byte? Priority { get; init; }

    public required bool? Durable { get; init; }

    public required MessageBodyKind BodyKind { get; init; }

    /// <summary>The data sections, copied: the received buffers are recycled once the transfer is settled.</summary>
    public required IReadOnlyList<byte[]> Data { get; init; }

    public required object? Value { get; init; }

    public required IReadOnlyList<System.Collections.IList> Sequence { get; init; }

    public required DateTimeOffset? ScheduledEnqueueTime { get; init; }

    public string? MessageId => Properties?.MessageId?.ToString();

    public TimeSpan? TimeToLive => TimeToLiveMilliseconds is { } milliseconds ? TimeSpan.FromMilliseconds(milliseconds) : null;
}

/// <summary>How a message's body is carried.</summary>
internal enum MessageBodyKind
{
    Empty,
    Data,
    Value,
    Sequence,
}
