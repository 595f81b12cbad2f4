using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CivilProtection.Infrastructure.Tables;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// Rows written by the code of an earlier day (committed under <c>Fixtures/</c>, by <see cref="RowFixtureStory"/>),
/// loaded into fresh tables, are read by today's code, which carries both of their requests on: the route's second
/// stage is approved, the offer waiting for Morocco is accepted and its teams report their departure. Each fixture
/// directory is one earlier version; a change that cannot read one fails here.
/// </summary>
public sealed class UpgradeFromStoredRowsTests
{
    public static TheoryData<string> Versions() =>
        new(Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "Fixtures")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Requests_stored_by_an_earlier_version_are_carried_on_to_approval_acceptance_and_deployment(string version)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Fixtures", version);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(directory, RowFixtureStory.Manifest)))!;
        var (route, exchange, offerId) = ((string)manifest["routeRequestId"]!, (string)manifest["exchangeRequestId"]!, (string)manifest["offerId"]!);
        var azurite = await Azurite.SharedAsync();
        var prefix = Azurite.UniquePrefix();
        var tables = new StateTables(new TableServiceClient(azurite.ConnectionString), prefix);
        await RowFixtures.LoadAsync(tables, prefix, directory, CancellationToken.None);
        var formatBefore = RowFormat.Of((await tables.Requests.GetEntityAsync<TableEntity>(route, TableRequestStore.SnapshotKey(route))).Value);
        await using var host = await TestHost.StartAsync(tablePrefix: prefix);

        // Both stored requests are listed and read as they were left.
        var duty = host.ClientFor("ma-duty");
        var listed = await duty.GetAllPagesAsync("/api/requests");
        Assert.Equal(["open", "pending-approval"], listed.Where(e => (string)e!["requestId"]! == route || (string)e!["requestId"]! == exchange).Select(e => (string)e!["status"]!).Order());
        var stored = await duty.GetRequestAsync(route);
        Assert.Equal((1, "approved"), ((int)stored["currentStageIndex"]!, (string)stored["stages"]![0]!["status"]!));

        // France approves the route's second stage from its inbox as it was stored.
        var france = host.ClientFor("fr-approver");
        var item = await france.WaitForInboxItemAsync(route, 1);
        Assert.Equal((int)stored["version"]!, (int)item["version"]!);
        Assert.Equal("approved", (string)(await france.DecideAsync(route, "approve"))["status"]!);

        // Morocco accepts Spain's stored offer; Spain's coordinator reports its teams on their way.
        using (var accepted = await duty.PostJsonAsync($"/api/requests/{exchange}/offers/{offerId}/decision", ExchangeSteps.Accept([(0, 1)])))
        {
            await Api.ExpectAsync(accepted, HttpStatusCode.OK);
        }
        using (var departed = await host.ClientFor("es-coordinator").PostJsonAsync($"/api/requests/{exchange}/deployments/ES-DGPCE/reports", new JsonObject
        {
            ["status"] = "departed", ["expectedArrival"] = DateTimeOffset.UtcNow.AddHours(6).ToString("O"),
        }))
        {
            await Api.ExpectAsync(departed, HttpStatusCode.OK);
            Assert.Equal("departed", (string)(await departed.Content.ReadFromJsonAsync<JsonObject>())!["deployments"]![0]!["status"]!);
        }
        var timeline = (await duty.GetRequestAsync(route))["timeline"]!.AsArray().Select(e => (string)e!["action"]!).ToList();
        Assert.Equal(["submitted", "stage-opened", "stage-approved", "stage-opened", "stage-approved", "approved"], timeline.Where(a => a is "submitted" or "stage-opened" or "stage-approved" or "approved"));

        // The snapshot the approval wrote is in today's format, whatever format the fixture stored it in.
        Assert.True(formatBefore <= RowFormat.Current);
        Assert.Equal(RowFormat.Current, RowFormat.Of((await tables.Requests.GetEntityAsync<TableEntity>(route, TableRequestStore.SnapshotKey(route))).Value));
    }
}
