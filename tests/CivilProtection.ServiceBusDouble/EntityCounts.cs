namespace CivilProtection.ServiceBusDouble;

/// <summary>How many messages a queue of the double holds, by state, and how many sit in its dead-letter queue.</summary>
public sealed record EntityCounts(int Active, int Locked, int Scheduled, int Deferred, int DeadLettered)
{
    /// <summary>Nothing at all: every message was completed.</summary>
    public static EntityCounts Empty { get; } = new(0, 0, 0, 0, 0);
}
