using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CivilProtection.Infrastructure.Tables;

namespace CivilProtection.Testing;

/// <summary>
/// What the row fixtures hold, written by the code of the day they were taken: on the Development directory, a
/// request through the Morocco–France route with its first stage approved (the second waits for France), and a
/// request to Spain whose offer Spain approved and sent (it waits for Morocco's decision). The upgrade test loads
/// them and carries both on with the code of today.
/// </summary>
public static class RowFixtureStory
{
    public const string Manifest = "manifest.json";

    /// <summary>Runs the story on a fresh local host and writes its every row into <paramref name="directory"/>.</summary>
    public static async Task WriteAsync(string directory, CancellationToken cancellationToken)
    {
        var prefix = Azurite.UniquePrefix();
        await using var host = await TestHost.StartAsync(tablePrefix: prefix);
        var route = await FileAsync(host, RequestSamples.Flood(), cancellationToken);
        await ApproveAsync(host, "ma-approver", route, cancellationToken);
        var exchange = await FileAsync(host, RequestSamples.FloodToPartners("ES-DGPCE"), cancellationToken);
        await ApproveAsync(host, "ma-approver", exchange, cancellationToken);
        using var coordinator = host.ClientFor("es-coordinator");
        using var offered = await coordinator.PostAsJsonAsync($"/api/requests/{exchange}/offers", new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject
            {
                ["requestLine"] = 0, ["quantity"] = 1, ["earliestArrival"] = DateTimeOffset.UtcNow.AddHours(12).ToString("O"), ["durationDays"] = 10,
                ["selfSufficient"] = true, ["estimatedCost"] = new JsonObject { ["amount"] = 42_000.50m, ["currency"] = "EUR" },
            }),
            ["contact"] = new JsonObject { ["name"] = "Carmen López", ["phone"] = "+34600000003", ["email"] = "c.lopez@example.org" },
        }, cancellationToken);
        Expect(offered, HttpStatusCode.OK);
        var offerId = (string)(await offered.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["exchange"]!["offers"]![0]!["offerId"]!;
        await PostUntilOkAsync(host, "es-approver", $"/api/requests/{exchange}/offers/{offerId}/approvals", new JsonObject { ["decision"] = "approve" }, cancellationToken);
        // Let the workflow settle: France's inbox holds the route's second stage, Morocco's list both requests as they are now.
        using var france = host.ClientFor("fr-approver");
        await Eventually.TrueAsync(async () => (await france.GetFromJsonAsync<JsonArray>("/api/approvals", cancellationToken))!
            .Any(i => (string)i!["requestId"]! == route), "France's inbox holding the route's second stage");
        using var duty = host.ClientFor("ma-duty");
        await Eventually.TrueAsync(async () =>
        {
            var listed = (await duty.GetFromJsonAsync<JsonArray>("/api/requests", cancellationToken))!.OfType<JsonObject>().ToDictionary(e => (string)e["requestId"]!, e => (string)e["status"]!);
            return listed.GetValueOrDefault(route) == "pending-approval" && listed.GetValueOrDefault(exchange) == "open";
        }, "Morocco's list showing both requests as they are");
        var tables = host.Service<StateTables>();
        await RowFixtures.WriteAsync(tables, prefix, directory, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, Manifest), new JsonObject
        {
            ["writtenAt"] = DateTimeOffset.UtcNow.ToString("O"),
            ["routeRequestId"] = route,
            ["exchangeRequestId"] = exchange,
            ["offerId"] = offerId,
        }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n", cancellationToken);
    }

    private static async Task<string> FileAsync(TestHost host, JsonObject form, CancellationToken cancellationToken)
    {
        using var duty = host.ClientFor("ma-duty");
        using var filed = await duty.PostAsJsonAsync("/api/requests", form, cancellationToken);
        Expect(filed, HttpStatusCode.Created);
        return (string)(await filed.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["id"]!;
    }

    private static Task ApproveAsync(TestHost host, string approver, string id, CancellationToken cancellationToken) =>
        PostUntilOkAsync(host, approver, $"/api/requests/{id}/decisions", new JsonObject { ["decision"] = "approve" }, cancellationToken);

    // A stage reaches its approvers through the queue: retried until it is there.
    private static async Task PostUntilOkAsync(TestHost host, string user, string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var client = host.ClientFor(user);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await client.PostAsJsonAsync(path, body, cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
            if (DateTime.UtcNow > until)
            {
                throw new InvalidOperationException($"{user} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    private static void Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode}, not {(int)status}.");
        }
    }
}
