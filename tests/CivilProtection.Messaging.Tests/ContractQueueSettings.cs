namespace CivilProtection.Messaging.Tests;

/// <summary>The queue settings and waits the transport contract runs with: short, so a real broker run stays quick, and within what Service Bus accepts.</summary>
public sealed record ContractQueueSettings(
    TimeSpan LockDuration,
    int MaxDeliveryCount,
    TimeSpan DuplicateDetectionWindow,
    TimeSpan TimeToLive,
    TimeSpan ScheduleAhead,
    TimeSpan ShortWait)
{
    /// <summary>Settings for a transport on a fake clock, where time passes only when a test advances it.</summary>
    public static ContractQueueSettings FakeClock { get; } = new(
        LockDuration: TimeSpan.FromSeconds(30),
        MaxDeliveryCount: 3,
        DuplicateDetectionWindow: TimeSpan.FromMinutes(10),
        TimeToLive: TimeSpan.FromHours(1),
        ScheduleAhead: TimeSpan.FromMinutes(1),
        ShortWait: TimeSpan.FromSeconds(2));

    /// <summary>The shortest settings Service Bus allows, for a transport that runs on real time.</summary>
    public static ContractQueueSettings RealClock { get; } = new(
        LockDuration: TimeSpan.FromSeconds(5),
        MaxDeliveryCount: 3,
        DuplicateDetectionWindow: TimeSpan.FromSeconds(20),
        TimeToLive: TimeSpan.FromSeconds(10),
        ScheduleAhead: TimeSpan.FromSeconds(3),
        ShortWait: TimeSpan.FromSeconds(2));
}
