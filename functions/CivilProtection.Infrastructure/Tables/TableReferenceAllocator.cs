using Azure;
using Azure.Data.Tables;
using CivilProtection.Application.Requests;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// References <c>AR-{year}-{number}</c> from a per-year counter row. Numbers are reserved in blocks (one
/// ETag-checked write per block, not per request), so they are unique across instances; the next block is
/// reserved in the background when half of the current one is used, so a filing seldom waits for the counter.
/// A restart leaves the rest of its blocks unused, which shows as a gap in the numbering and nothing worse.
/// </summary>
public sealed class TableReferenceAllocator(StateTables tables, int blockSize = 20) : IReferenceAllocator, IDisposable
{
    private const string Partition = "reference";
    private static readonly Polly.ResiliencePipeline Conflicts = ConflictRetry.On<RequestFailedException>(TableKeys.IsConflict);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<int, YearBlocks> _years = [];

    public async Task<string> NextAsync(int year, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_years.TryGetValue(year, out var blocks))
            {
                _years[year] = blocks = new YearBlocks();
            }
            if (blocks.Next >= blocks.End)
            {
                // Taken before awaiting: a reservation that failed is not awaited twice, the next call reserves afresh.
                var ahead = blocks.Ahead;
                blocks.Ahead = null;
                (blocks.Next, blocks.End) = await (ahead ?? ReserveBlockAsync(year, cancellationToken));
            }
            var number = blocks.Next++;
            if (blocks.Ahead is null && blocks.End - blocks.Next <= blockSize / 2)
            {
                blocks.Ahead = ReserveBlockAsync(year, CancellationToken.None);
            }
            return $"AR-{year}-{number:D5}";
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>The numbers of one year this instance holds: [Next, End), and the next block being reserved.</summary>
    private sealed class YearBlocks
    {
        public long Next { get; set; }

        public long End { get; set; }

        public Task<(long Next, long End)>? Ahead { get; set; }
    }

    private async Task<(long Next, long End)> ReserveBlockAsync(int year, CancellationToken cancellationToken)
    {
        var rowKey = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Another instance reserved a block at the same moment: the policy reads the counter again.
        return await Conflicts.ExecuteAsync(async token =>
        {
            var current = await tables.Counters.GetEntityIfExistsAsync<TableEntity>(Partition, rowKey, cancellationToken: token);
            if (!current.HasValue || current.Value is null)
            {
                await tables.Counters.AddEntityAsync(new TableEntity(Partition, rowKey) { [RowFormat.Column] = RowFormat.Current, ["Next"] = 1L + blockSize }, token);
                return (1L, 1L + blockSize);
            }
            var start = current.Value.GetInt64("Next") ?? 1;
            current.Value["Next"] = start + blockSize;
            current.Value[RowFormat.Column] = RowFormat.Current;
            await tables.Counters.UpdateEntityAsync(current.Value, current.Value.ETag, TableUpdateMode.Replace, token);
            return (start, start + blockSize);
        }, cancellationToken);
    }
}
