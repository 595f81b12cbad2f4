using System.Diagnostics;

namespace CivilProtection.Benchmark;

/// <summary>Runs one operation <c>total</c> times from concurrent clients on a <see cref="Schedule"/> and times each from when it was due.</summary>
public static class TimedPhase
{
    /// <param name="operation">Given the client and the operation's index; a storage refusal counts as an error, not a crash.</param>
    public static async Task<PhaseResult> RunAsync(int clients, int total, double? perSecond, Func<int, int, Task> operation, CancellationToken cancellationToken)
    {
        var latencies = new double[total];
        var schedule = new Schedule(perSecond);
        var errors = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            while (await schedule.NextAsync(total, cancellationToken) is (true, var i, var dueAt))
            {
                try
                {
                    await operation(client, i);
                }
                catch (Azure.RequestFailedException)
                {
                    Interlocked.Increment(ref errors);
                }
                latencies[i] = Schedule.MillisecondsSince(dueAt);
            }
        }, cancellationToken)));
        return new PhaseResult(total, Stopwatch.GetElapsedTime(started), Latencies.Of(latencies), errors);
    }
}

/// <summary>A timed phase: how many operations, over how long, how fast each was, and how many failed.</summary>
public sealed record PhaseResult(int Operations, TimeSpan Elapsed, Latencies Latencies, int Errors)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;
}
