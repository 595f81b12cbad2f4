namespace CivilProtection.ServiceBusDouble.Store;

/// <summary>A receiver attached to an entity: the entity hands it messages while it has link credit.</summary>
internal interface IMessageConsumer
{
    /// <summary>Receive-and-delete: a message leaves the entity when it is handed over, unlocked.</summary>
    bool RemovesOnDelivery { get; }

    /// <summary>How many more messages the receiver asked for; read and changed only under the entity's lock.</summary>
    int Credit { get; set; }

    /// <summary>Sends a message to the receiver, its lock token (or a fresh id) as the delivery tag; called outside the entity's lock.</summary>
    void Deliver(MessageSnapshot message, Guid deliveryTag);
}
