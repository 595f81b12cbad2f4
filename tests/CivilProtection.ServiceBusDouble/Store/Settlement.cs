namespace CivilProtection.ServiceBusDouble.Store;

/// <summary>What a receiver does with a locked message, over its link or over <c>$management</c>.</summary>
internal enum Settlement
{
    Complete,
    Abandon,

    /// <summary>The receiver gave the message back unseen (AMQP <c>released</c>): the SDK does this with a message that arrives after its receive call ended.</summary>
    Release,
    Defer,
    DeadLetter,
}
