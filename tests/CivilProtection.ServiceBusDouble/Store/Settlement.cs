namespace CivilProtection.ServiceBusDouble.Store;

/// <summary>What a receiver does with a locked message, over its link or over <c>$management</c>.</summary>
internal enum Settlement
{
    Complete,
    Abandon,
    Defer,
    DeadLetter,
}

/// <summary>How many messages an entity holds, by state (for tests and the benchmark).</summary>
public sealed record EntityCounts(int Active, int Locked, int Scheduled, int Deferred, int DeadLettered);
