using Azure.Data.Tables;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>How many requests a host has stored: what a refused call must leave as it was.</summary>
internal static class StoredRequests
{
    public static async Task<int> CountAsync(IAppHost host)
    {
        var table = new TableClient(host.Azurite.ConnectionString, host.TablePrefix + "Requests");
        var count = 0;
        // Snapshots only: notices and SMS of earlier tests' requests keep being written in the background.
        await foreach (var _ in table.QueryAsync<TableEntity>(filter: "RowKey eq 'snapshot'", select: ["PartitionKey"]))
        {
            count++;
        }
        return count;
    }
}
