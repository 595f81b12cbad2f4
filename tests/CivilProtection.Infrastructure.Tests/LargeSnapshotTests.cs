using Azure.Data.Tables;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Requests;
using CivilProtection.Infrastructure.Tables;

namespace CivilProtection.Infrastructure.Tests;

/// <summary>
/// A request's snapshot larger than one table property (64 KiB: a request to dozens of partners, each with its offer)
/// is stored split over several and reads back whole; a small one stays in the one property every row stored before has.
/// </summary>
public sealed class LargeSnapshotTests(TableFixture fixture) : IClassFixture<TableFixture>
{
    private readonly TableRequestStore _store = new(fixture.Tables);

    [Fact]
    public async Task A_snapshot_past_the_property_limit_is_split_and_reads_back_whole_and_a_small_one_stays_as_before()
    {
        var request = TableFixture.NewRequest();
        await _store.CreateAsync(request, CancellationToken.None);
        Assert.NotNull((await RowAsync(request.Id)).GetString("State"));

        var loaded = (await _store.FindAsync(request.Id, CancellationToken.None))!;
        // Fifty partners' worth of text: past 32K characters, the most one string property holds.
        var addressees = Enumerable.Range(1, 50)
            .Select(i => new Domain.Offers.Addressee($"PARTNER-{i:D2}", Domain.Offers.AddresseeStatus.Declined, Reason: new string('x', 900)))
            .ToList();
        var large = AssistanceRequest.Restore(loaded.Request.State with { Addressees = addressees });
        await _store.CommitAsync(new PartitionChange(request.Id) { Request = new Versioned<AssistanceRequest>(large, loaded.ETag) }, CancellationToken.None);

        var row = await RowAsync(request.Id);
        Assert.Null(row.GetString("State"));
        Assert.True(row.GetInt32("Chunks") > 1);
        var back = (await _store.FindAsync(request.Id, CancellationToken.None))!.Request.State;
        Assert.Equal(50, back.Addressees!.Count);
        Assert.Equal(new string('x', 900), back.Addressees[49].Reason);
    }

    private async Task<TableEntity> RowAsync(string requestId) =>
        (await fixture.Tables.Requests.GetEntityAsync<TableEntity>(requestId, TableRequestStore.SnapshotKey(requestId))).Value;
}
