using Azure;
using Azure.Data.Tables;
using CivilProtection.Infrastructure.Tables;
using CivilProtection.Testing;

namespace CivilProtection.Infrastructure.Tests;

/// <summary>The counting policy names each call to Azurite by its table and its kind, as the bill counts it.</summary>
public sealed class StorageCallCounterTests
{
    [Fact]
    public async Task Each_call_is_counted_once_by_table_and_kind_and_a_transaction_under_its_table()
    {
        var azurite = await Azurite.SharedAsync();
        var prefix = Azurite.UniquePrefix();
        var counts = new CallCounts();
        var table = new TableServiceClient(azurite.ConnectionString, TableClients.Options(10, counts: counts)).GetTableClient(prefix + "Requests");
        await table.CreateIfNotExistsAsync();
        try
        {
            await table.AddEntityAsync(new TableEntity("p", "a"));
            await table.UpsertEntityAsync(new TableEntity("p", "a") { ["X"] = 1 }, TableUpdateMode.Replace);
            await table.UpdateEntityAsync(new TableEntity("p", "a") { ["X"] = 2 }, ETag.All, TableUpdateMode.Merge);
            await table.GetEntityIfExistsAsync<TableEntity>("p", "a");
            await table.GetEntityIfExistsAsync<TableEntity>("p", "missing(with)'quote", select: ["X"]);
            await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"p"}")))
            {
            }
            await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "b")),
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "c"))]);
            await table.DeleteEntityAsync("p", "a");

            var snapshot = counts.Snapshot(prefix);
            Assert.Equal(new Dictionary<string, int> { ["write"] = 3, ["point-read"] = 2, ["query"] = 1, ["transaction"] = 1, ["delete"] = 1 },
                snapshot.Storage["Requests"]);
            Assert.Equal(new Dictionary<string, int> { ["other"] = 1 }, snapshot.Storage["Tables"]);
        }
        finally
        {
            await table.DeleteAsync();
        }
    }

    [Theory]
    [InlineData("GET", "https://acct.table.core.windows.net/Indexes(PartitionKey='list-MA',RowKey='~1')", "Indexes", StorageCallKind.PointRead)]
    [InlineData("GET", "https://acct.table.core.windows.net/Indexes()?$filter=PartitionKey%20eq%20'x'", "Indexes", StorageCallKind.Query)]
    [InlineData("POST", "https://acct.table.core.windows.net/Outbox", "Outbox", StorageCallKind.Write)]
    [InlineData("POST", "https://acct.table.core.windows.net/$batch", "$batch", StorageCallKind.Transaction)]
    [InlineData("DELETE", "http://127.0.0.1:10000/devstoreaccount1/Replies(PartitionKey='a',RowKey='b')", "Replies", StorageCallKind.Delete)]
    [InlineData("DELETE", "http://127.0.0.1:10000/devstoreaccount1/Tables('Replies')", "Tables", StorageCallKind.Other)]
    public void A_call_is_classified_from_its_method_and_address(string method, string address, string table, StorageCallKind kind) =>
        Assert.Equal((table, kind), StorageCallCounter.Classify(Azure.Core.RequestMethod.Parse(method), new Uri(address)));
}
