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
        await TimedPhase.RunAsync(clients, warmup, null, Insert("warmup"), cancellationToken);
        return await TimedPhase.RunAsync(clients, inserts, perSecond, Insert(perSecond is null ? "timed" : "paced"), cancellationToken);

        Func<int, int, Task> Insert(string run) => (client, i) => table.AddEntityAsync(new TableEntity($"{run}-{client:D3}", i.ToString("D7"))
        {
            ["Kind"] = "floor",
            ["At"] = DateTimeOffset.UtcNow,
            ["Sequence"] = i,
        }, cancellationToken);
    }
}
