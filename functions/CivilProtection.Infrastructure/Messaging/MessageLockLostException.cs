namespace CivilProtection.Infrastructure.Messaging;

/// <summary>A settlement named a lock that no longer holds: it expired, the message was already settled, or it was never issued (Service Bus's <c>MessageLockLost</c>).</summary>
public sealed class MessageLockLostException : Exception
{
    public MessageLockLostException()
        : this("The message lock was lost: it expired, or the message was already settled.")
    {
    }

    public MessageLockLostException(string message)
        : base(message)
    {
    }

    public MessageLockLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
