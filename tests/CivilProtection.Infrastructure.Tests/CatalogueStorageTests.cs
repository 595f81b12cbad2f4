using CivilProtection.Application.Requests;
using CivilProtection.Domain.Requests;
using CivilProtection.Infrastructure.Tables;

namespace CivilProtection.Infrastructure.Tests;

/// <summary>Against Azurite: compositions per authority guarded by their ETag, and a request's catalogue version kept in its snapshot.</summary>
public sealed class CatalogueStorageTests(TableFixture fixture) : IClassFixture<TableFixture>
{
    private static readonly TeamComposition Pumping = new(Example: false, Note: null, [new CompositionRole("team-leader", 1), new CompositionRole("pump-operator", 6)]);

    [Fact]
    public async Task A_composition_is_stored_per_authority_and_replaced_only_from_the_version_read()
    {
        var store = new TableCompositions(fixture.Tables);
        var first = await store.SaveAsync("FR-DGSCGC", "HCP", Pumping, expectedVersion: null, CancellationToken.None);

        var french = await store.ListAsync("FR-DGSCGC", CancellationToken.None);
        Assert.Equal(Pumping.Roles, french["HCP"].Composition.Roles);
        Assert.Equal(first, french["HCP"].Version);
        Assert.Empty(await store.ListAsync("MA-DGPC", CancellationToken.None));

        await Assert.ThrowsAsync<ConcurrentChangeException>(() => store.SaveAsync("FR-DGSCGC", "HCP", Pumping, expectedVersion: null, CancellationToken.None));
        var bigger = Pumping with { Roles = [new CompositionRole("team-leader", 1), new CompositionRole("pump-operator", 8)] };
        var second = await store.SaveAsync("FR-DGSCGC", "HCP", bigger, first, CancellationToken.None);
        Assert.NotEqual(first, second);
        await Assert.ThrowsAsync<ConcurrentChangeException>(() => store.SaveAsync("FR-DGSCGC", "HCP", Pumping, first, CancellationToken.None));
        Assert.Equal(8, (await store.ListAsync("FR-DGSCGC", CancellationToken.None))["HCP"].Composition.Roles[1].Count);
    }

    [Fact]
    public async Task A_request_s_catalogue_version_survives_the_snapshot_and_an_older_row_reads_without_one()
    {
        var store = new TableRequestStore(fixture.Tables);
        var now = DateTimeOffset.UtcNow;
        var versioned = AssistanceRequest.File(RequestIds.New(now), "AR-2026-00002", TableFixture.Details(), TableFixture.Route, TableFixture.DutyOfficer, now, "corr-2", "eu-2025-704/1");
        await store.CreateAsync(versioned, CancellationToken.None);
        var older = TableFixture.NewRequest();
        await store.CreateAsync(older, CancellationToken.None);

        Assert.Equal("eu-2025-704/1", (await store.FindAsync(versioned.Id, CancellationToken.None))!.Request.State.CatalogueVersion);
        var legacy = (await store.FindAsync(older.Id, CancellationToken.None))!.Request.State;
        Assert.Null(legacy.CatalogueVersion);
        Assert.Same(CatalogueVersions.Legacy, CatalogueVersions.Find(legacy.CatalogueVersion));
    }
}
