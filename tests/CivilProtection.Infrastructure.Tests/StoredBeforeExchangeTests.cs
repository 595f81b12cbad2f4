using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CivilProtection.Application.Indexes;
using CivilProtection.Domain.Requests;
using CivilProtection.Infrastructure.Tables;

namespace CivilProtection.Infrastructure.Tests;

/// <summary>
/// Rows written by the code before partnerships and the exchange (<c>Fixtures/stored-before-exchange.json</c>, dumped
/// from Azurite by that code at 796ad07: two authorities, their route, and a request validated by Morocco and waiting
/// at France's stage) still read, and the request is carried through to approval by today's code.
/// </summary>
public sealed class StoredBeforeExchangeTests(TableFixture fixture) : IClassFixture<TableFixture>
{
    private static readonly JsonObject Stored = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "stored-before-exchange.json")))!.AsObject();

    [Fact]
    public async Task A_route_stored_before_reads_as_the_partnership_it_described_and_its_authorities_as_they_were()
    {
        await LoadAsync();
        var directory = new TableDirectory(fixture.Tables, TimeProvider.System);

        var partnership = await directory.FindPartnershipAsync("MA-DGPC", "FR-DGSCGC", CancellationToken.None);
        Assert.NotNull(partnership);
        Assert.True(partnership.Active);
        Assert.Equal(["validation"], partnership.RequestStages.Select(s => s.ApproverGroup));
        Assert.Equal(["acceptance"], partnership.OfferStages.Select(s => s.ApproverGroup));
        Assert.Equal(["validation", "acceptance"], (await directory.FindRouteAsync("MA-DGPC", "FR-DGSCGC", CancellationToken.None))!.Stages.Select(s => s.Name));
        var morocco = await directory.FindAuthorityAsync("MA-DGPC", CancellationToken.None);
        Assert.Equal(("Africa/Casablanca", "operations", false), (morocco!.TimeZone, morocco.ContactTeam, morocco.Retired));
        Assert.Equal("Direction Générale de la Protection Civile", morocco.NameIn("ar"));
    }

    [Fact]
    public async Task A_request_stored_before_is_a_request_to_one_authority_and_is_approved_at_its_last_stage()
    {
        await LoadAsync();
        var store = new TableRequestStore(fixture.Tables);
        var requestId = (string)Stored["requestId"]!;

        var loaded = await store.FindAsync(requestId, CancellationToken.None);
        Assert.NotNull(loaded);
        var state = loaded.Request.State;
        Assert.False(state.IsExchange);
        Assert.Empty(state.Offers);
        Assert.Null(state.CatalogueVersion);
        Assert.Equal((RequestStatus.PendingApproval, 1), (state.Status, state.CurrentStageIndex));
        Assert.Equal(["MA-DGPC", "FR-DGSCGC"], state.VisibleToAuthorityIds);

        loaded.Request.Approve(new Actor("fr-approver", "Julien Moreau"), DateTimeOffset.UtcNow, "Accepté");
        await store.SaveAsync(loaded.Request, loaded.ETag, CancellationToken.None);

        var approved = (await store.FindAsync(requestId, CancellationToken.None))!.Request.State;
        Assert.Equal(RequestStatus.Approved, approved.Status);
        var timeline = await store.ReadTimelineAsync(requestId, CancellationToken.None);
        Assert.Equal(["submitted", "stage-opened", "stage-approved", "stage-opened", "stage-approved", "approved"], timeline.Select(e => e.Action));
        Assert.All(timeline, e => Assert.Null(e.OfferId));

        var index = new TableRequestIndex(fixture.Tables);
        Assert.True(await new RequestIndexProjector(store, index, TimeProvider.System).ReconcileAsync(requestId, CancellationToken.None));
        foreach (var authority in new[] { "MA-DGPC", "FR-DGSCGC" })
        {
            Assert.Equal("approved", Assert.Single(await index.ListAllAsync(authority, null), e => e.RequestId == requestId).Status);
        }
    }

    // Each test class has its own tables; the rows go in as they were stored, property by property, with their types.
    private async Task LoadAsync()
    {
        foreach (var row in Stored["rows"]!.AsArray().Select(r => r!.AsObject()))
        {
            var entity = new TableEntity((string)row["partitionKey"]!, (string)row["rowKey"]!);
            foreach (var (name, typed) in row["properties"]!.AsObject())
            {
                var (type, value) = typed!.AsObject().Single();
                entity[name] = type switch
                {
                    "int" => (int)value!,
                    "long" => (long)value!,
                    "bool" => (bool)value!,
                    "date" => DateTimeOffset.Parse((string)value!, System.Globalization.CultureInfo.InvariantCulture),
                    _ => (string?)value,
                };
            }
            var table = (string)row["table"]! == "Requests" ? fixture.Tables.Requests : fixture.Tables.Directory;
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace);
        }
    }
}
