using System.Collections.Concurrent;
using CivilProtection.Application.Messaging;
using CivilProtection.ServiceBusDouble.Amqp;

namespace CivilProtection.ServiceBusDouble.Store;

/// <summary>The double's entities: each described queue and its dead-letter queue, found by path (case-insensitive, as on Service Bus).</summary>
internal sealed class EntityRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, MessageEntity> _byPath = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _adding = new();

    /// <summary>Creates a queue and its dead-letter queue; describing an existing queue again with the same settings changes nothing.</summary>
    public void AddQueue(QueueDescription queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        lock (_adding)
        {
            if (_byPath.TryGetValue(queue.Name, out var existing))
            {
                if (existing.Settings != queue)
                {
                    throw new InvalidOperationException($"The queue '{queue.Name}' already exists with other settings.");
                }

                return;
            }

            // A dead-letter queue keeps its messages until they are received: no expiry, no delivery limit, no duplicate detection.
            var deadLetterSettings = queue with
            {
                Name = EntityAddress.DeadLetterPathOf(queue.Name),
                MaxDeliveryCount = int.MaxValue,
                DuplicateDetectionHistoryTimeWindow = TimeSpan.Zero,
                DefaultMessageTimeToLive = TimeSpan.MaxValue,
                DeadLetteringOnMessageExpiration = false,
            };
            var deadLetterQueue = new MessageEntity(deadLetterSettings.Name, deadLetterSettings, deadLetterQueue: null, time);
            _byPath[deadLetterQueue.Path] = deadLetterQueue;
            _byPath[queue.Name] = new MessageEntity(queue.Name, queue, deadLetterQueue, time);
        }
    }

    public MessageEntity? Find(string path) => _byPath.GetValueOrDefault(path);

    public ICollection<MessageEntity> All => _byPath.Values;
}
