using Azure.Data.Tables;
using CivilProtection.Application.Directory;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Approvals;
using CivilProtection.Domain.Authorities;
using CivilProtection.Domain.Partnerships;
using CivilProtection.Infrastructure.Tables;

namespace CivilProtection.Infrastructure.Tests;

/// <summary>The administered directory in Table Storage: a change and its audit row commit together, a stale version writes nothing, stored routes still read.</summary>
public sealed class DirectoryRecordsTests(TableFixture fixture) : IClassFixture<TableFixture>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static DirectoryAuditEntry Audit(string entity, string id) =>
        new(Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, "platform-admin", "Amina", entity, id, "update", [id], null, "{}");

    [Fact]
    public async Task A_change_and_its_audit_entry_are_written_together_and_a_stale_version_writes_neither()
    {
        var directory = new TableDirectory(fixture.Tables, TimeProvider.System);
        var authority = new Authority("ES-DGPCE", "ES", "DGPCE", ["en"], "Europe/Madrid");
        var first = await directory.CommitAuthorityAsync(authority, null, Audit(DirectoryEntities.Authority, "ES-DGPCE"), Ct);
        var second = await directory.CommitAuthorityAsync(authority with { Name = "Protección Civil" }, first, Audit(DirectoryEntities.Authority, "ES-DGPCE"), Ct);

        await Assert.ThrowsAsync<ConcurrentChangeException>(() =>
            directory.CommitAuthorityAsync(authority with { Name = "stale" }, first, Audit(DirectoryEntities.Authority, "ES-DGPCE"), Ct));
        await Assert.ThrowsAsync<ConcurrentChangeException>(() =>
            directory.CommitAuthorityAsync(authority, null, Audit(DirectoryEntities.Authority, "ES-DGPCE"), Ct));

        var stored = await directory.GetAuthorityRecordAsync("ES-DGPCE", Ct);
        Assert.Equal("Protección Civil", stored!.Value.Name);
        Assert.Equal(second, stored.Version);
        Assert.Equal(2, (await directory.ListAuditAsync(Ct)).Count(e => e.EntityId == "ES-DGPCE"));
        // Audit rows live beside the entities but are never read as one.
        Assert.Single(await directory.ListAuthoritiesAsync(Ct), a => a.Id == "ES-DGPCE");
    }

    [Fact]
    public async Task A_route_stored_before_partnerships_reads_as_a_partnership_and_is_replaced_by_one()
    {
        // The row exactly as the code before partnerships wrote it.
        var route = new ApprovalRoute("PT-ANEPC", "MA-DGPC",
        [
            new StageDefinition("validation", "PT-ANEPC", "validation", DecisionDeadlines.Default),
            new StageDefinition("acceptance", "MA-DGPC", "acceptance", DecisionDeadlines.Default),
        ]);
        await fixture.Tables.Directory.UpsertEntityAsync(new TableEntity("route", route.Key)
        {
            ["Data"] = System.Text.Json.JsonSerializer.Serialize(route, TableRequestStore.Json),
        }, TableUpdateMode.Replace, Ct);
        var directory = new TableDirectory(fixture.Tables, TimeProvider.System);

        var legacy = await directory.GetPartnershipRecordAsync("PT-ANEPC", "MA-DGPC", Ct);
        Assert.Null(legacy!.Version);
        Assert.Equal("validation", Assert.Single(legacy.Value.RequestStages).ApproverGroup);
        Assert.Equal("acceptance", Assert.Single(legacy.Value.OfferStages).ApproverGroup);
        Assert.Equal(route.Stages, (await directory.FindRouteAsync("PT-ANEPC", "MA-DGPC", Ct))!.Stages);

        var edited = legacy.Value with { OfferStages = [new StageDefinition("acceptance", "MA-DGPC", "ma-acceptors", DecisionDeadlines.Default)] };
        await directory.CommitPartnershipAsync(edited, null, Audit(DirectoryEntities.Partnership, edited.Key), Ct);

        Assert.Equal("ma-acceptors", (await directory.FindRouteAsync("PT-ANEPC", "MA-DGPC", Ct))!.Stages[1].ApproverGroup);
        Assert.Single(await directory.ListPartnershipsAsync(Ct), p => p.Key == edited.Key);
    }
}
