using System.Diagnostics;
using Azure.Data.Tables;

namespace CivilProtection.Benchmark;

/// <summary>
/// The floor: bare single-entity inserts into the same Azurite, from as many concurrent clients as the intake
/// uses, through one shared <see cref="TableClient"/> as the application shares its clients. No filing can be
/// faster than one such round trip.
/// </summary>
public static class FloorBenchmark
{
    /// <param name="perSecond">Inserts paced at this rate (see <see cref="Schedule"/>); as fast as answers come back when null.</param>
    public static async Task<PhaseResult> RunAsync(string connectionString, string tableName, int clients, int inserts, int warmup, double? perSecond, CancellationToken cancellationToken)
    {
        var table = new TableServiceClient(connectionString).GetTableClient(tableName);
        await table.CreateIfNotExistsAsync(cancellationToken);
        await InsertAsync(table, "warmup", clients, warmup, null, cancellationToken);
        return await InsertAsync(table, perSecond is null ? "timed" : "paced", clients, inserts, perSecond, cancellationToken);
    }

    private static async Task<PhaseResult> InsertAsync(TableClient table, string run, int clients, int total, double? perSecond, CancellationToken cancellationToken)
    {
        var latencies = new double[total];
        var schedule = new Schedule(perSecond);
        var errors = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            while (await schedule.NextAsync(total, cancellationToken) is (true, var i, var dueAt))
            {
                var entity = new TableEntity($"{run}-{client:D3}", i.ToString("D7"))
                {
                    ["Kind"] = "floor",
                    ["At"] = DateTimeOffset.UtcNow,
                    ["Sequence"] = i,
                };
                try
                {
                    await table.AddEntityAsync(entity, cancellationToken);
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
