using Azure;
using Azure.Data.Tables;
using CivilProtection.Application.Requests;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// References <c>AR-{year}-{number}</c> from a per-year counter row. Numbers are reserved in blocks (one
/// ETag-checked write per block, not per request), so they are unique across instances; a restart leaves
/// the rest of its block unused, which shows as a gap in the numbering and nothing worse.
/// </summary>
public sealed class TableReferenceAllocator(StateTables tables, int blockSize = 20) : IReferenceAllocator, IDisposable
{
    private const string Partition = "reference";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<int, (long Next, long End)> _blocks = [];

    public async Task<string> NextAsync(int year, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_blocks.TryGetValue(year, out var block) || block.Next >= block.End)
            {
                block = await ReserveBlockAsync(year, cancellationToken);
            }
            _blocks[year] = (block.Next + 1, block.End);
            return $"AR-{year}-{block.Next:D5}";
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<(long Next, long End)> ReserveBlockAsync(int year, CancellationToken cancellationToken)
    {
        var rowKey = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        while (true)
        {
            var current = await tables.Counters.GetEntityIfExistsAsync<TableEntity>(Partition, rowKey, cancellationToken: cancellationToken);
            try
            {
                if (!current.HasValue || current.Value is null)
                {
                    await tables.Counters.AddEntityAsync(new TableEntity(Partition, rowKey) { ["Next"] = 1L + blockSize }, cancellationToken);
                    return (1, 1 + blockSize);
                }
                var start = current.Value.GetInt64("Next") ?? 1;
                current.Value["Next"] = start + blockSize;
                await tables.Counters.UpdateEntityAsync(current.Value, current.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return (start, start + blockSize);
            }
            catch (RequestFailedException ex) when (TableKeys.IsConflict(ex))
            {
                // Another instance reserved a block at the same moment: read the counter again.
            }
        }
    }
}
