namespace CivilProtection.Infrastructure.Messaging;

/// <summary>The dead-letter reasons Service Bus itself writes, which the in-process transport writes too.</summary>
public static class DeadLetterReasons
{
    /// <summary>The message was delivered more often than the queue's maximum delivery count.</summary>
    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";

    /// <summary>The message outlived its time to live on a queue that dead-letters on expiry.</summary>
    public const string TimeToLiveExpired = "TTLExpiredException";
}
