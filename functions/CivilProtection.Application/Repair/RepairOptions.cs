namespace CivilProtection.Application.Repair;

/// <summary>The repair that catches up what a lost or dead-lettered message left behind (<see cref="RequestRepair"/>).</summary>
public sealed class RepairOptions
{
    public const string SectionName = "CivilProtection:Repair";

    /// <summary>
    /// How long after a change's messages were published the repair checks what they did. Longer than handling takes
    /// with retries under load, so it does not redo work still in flight; short enough that nothing sits unseen for long.
    /// </summary>
    public TimeSpan After { get; set; } = DefaultAfter;

    public static readonly TimeSpan DefaultAfter = TimeSpan.FromMinutes(5);

    /// <summary>How many tickets one run checks at most; the next run takes the rest.</summary>
    public int Batch { get; set; } = DefaultBatch;

    public const int DefaultBatch = 500;

    public const int MaxBatch = 5000;

    /// <summary>How often the local host runs the repair (the Functions app runs it every minute on a timer).</summary>
    public TimeSpan Period { get; set; } = DefaultPeriod;

    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromMinutes(1);
}
