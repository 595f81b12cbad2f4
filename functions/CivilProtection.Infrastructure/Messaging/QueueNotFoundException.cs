namespace CivilProtection.Infrastructure.Messaging;

/// <summary>A queue name the transport does not know (Service Bus's <c>MessagingEntityNotFound</c>).</summary>
public sealed class QueueNotFoundException : Exception
{
    public QueueNotFoundException()
        : this("The queue does not exist.")
    {
    }

    public QueueNotFoundException(string message)
        : base(message)
    {
    }

    public QueueNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
