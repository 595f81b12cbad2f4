using CivilProtection.Application.Requests;
using Azure.Data.Tables;
using CivilProtection.Domain.Approvals;
using CivilProtection.Domain.Requests;
using CivilProtection.Infrastructure.Tables;
using CivilProtection.Testing;

namespace CivilProtection.Infrastructure.Tests;

/// <summary>Fresh tables in the shared Azurite for one test class, and requests to put in them.</summary>
public sealed class TableFixture : IAsyncLifetime
{
    public StateTables Tables { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var azurite = await Azurite.SharedAsync();
        Tables = new StateTables(new TableServiceClient(azurite.ConnectionString), Azurite.UniquePrefix());
        await Tables.CreateIfMissingAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => Task.WhenAll(Tables.All.Select(t => t.DeleteAsync()));

    public static ApprovalRoute Route { get; } = new("MA-DGPC", "FR-DGSCGC",
    [
        new StageDefinition("validation", "MA-DGPC", "validation", DecisionDeadlines.Default),
        new StageDefinition("acceptance", "FR-DGSCGC", "acceptance", DecisionDeadlines.Default),
    ]);

    public static Actor DutyOfficer { get; } = new("ma-duty", "Youssef El Amrani");
    public static Actor Approver { get; } = new("ma-approver", "Salma Benali");

    public static AssistanceRequest NewRequest(DateTimeOffset? now = null) => AssistanceRequest.File(
        RequestIds.New(now ?? DateTimeOffset.UtcNow), "AR-2026-00001", Details(), Route, DutyOfficer, now ?? DateTimeOffset.UtcNow, "corr-1");

    public static RequestDetails Details() => new(
        new Incident("flood", "Crue de l'oued Sebou", "Inondations", "Gharb", "Sidi Kacem", new Coordinates(34.2, -5.7)),
        Urgency.LifeSafety,
        [new RequestedCapability("high-capacity-pumping", 2, null)],
        DateTimeOffset.UtcNow.AddDays(1),
        new PointOfContact("Youssef El Amrani", "+212612345678", "y@pc.ma"),
        "fr");

    /// <summary>Every row of one request's partition, by row key: what a transaction really left behind.</summary>
    public async Task<List<TableEntity>> PartitionAsync(string requestId)
    {
        var rows = new List<TableEntity>();
        await foreach (var e in Tables.Requests.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {requestId}")))
        {
            rows.Add(e);
        }
        return rows;
    }
}
