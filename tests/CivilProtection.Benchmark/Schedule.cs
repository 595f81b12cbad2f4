using System.Diagnostics;

namespace CivilProtection.Benchmark;

/// <summary>
/// When each operation of a phase is due. Unpaced, each client starts its next operation as soon as the last one
/// answered (the system saturated, latency = clients / throughput). Paced, operation i is due at start + i / rate, and
/// its latency counts from then, not from when a client got round to it, so a slow answer cannot hide the queue
/// behind it (no coordinated omission).
/// </summary>
public sealed class Schedule(double? perSecond)
{
    // A timer wakes on whole milliseconds, up to one early or late (it sent a floor insert 0.26 ms early at p50, a
    // filing 0.52 ms late): sleep until this much before the due time and spin the rest, so each operation leaves on time.
    private static readonly TimeSpan SpunAtTheEnd = TimeSpan.FromMilliseconds(2);

    private readonly long _start = Stopwatch.GetTimestamp();
    private int _next = -1;

    public double? PerSecond => perSecond;

    /// <summary>Takes the next operation, waits until it is due, and returns its index and the timestamp it was due at; false when all are taken.</summary>
    public async Task<(bool Taken, int Index, long DueAt)> NextAsync(int total, CancellationToken cancellationToken)
    {
        var i = Interlocked.Increment(ref _next);
        if (i >= total)
        {
            return (false, i, 0);
        }
        if (perSecond is not { } rate)
        {
            return (true, i, Stopwatch.GetTimestamp());
        }
        var dueAt = _start + (long)(i / rate * Stopwatch.Frequency);
        var sleep = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), dueAt) - SpunAtTheEnd;
        if (sleep > TimeSpan.Zero)
        {
            await Task.Delay(sleep, cancellationToken);
        }
        while (Stopwatch.GetTimestamp() < dueAt)
        {
            Thread.Yield();
        }
        return (true, i, dueAt);
    }

    /// <summary>Milliseconds from when the operation was due until now.</summary>
    public static double MillisecondsSince(long dueAt) => Stopwatch.GetElapsedTime(dueAt).TotalMilliseconds;
}
