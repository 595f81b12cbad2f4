using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CivilProtection.Browser.Tests;

/// <summary>The API steps the page tests of the exchange start from: a request open to partners, an offer sent.</summary>
public sealed class ExchangeSetup(TestHost host)
{
    private const float Slow = 60_000;

    public async Task<string> WaitForOfferIdAsync(string requestId)
    {
        using var duty = host.ClientFor("ma-duty");
        var view = (await duty.GetFromJsonAsync<JsonObject>($"/api/requests/{requestId}"))!;
        return (string)view["exchange"]!["offers"]![0]!["offerId"]!;
    }

    /// <summary>Filed by Morocco to the partners and validated by its approver: open to offers.</summary>
    public async Task<string> OpenAsync(params string[] partners)
    {
        var form = RequestSamples.FloodToPartners(partners);
        using var duty = host.ClientFor("ma-duty");
        using var filed = await duty.PostAsJsonAsync("/api/requests", form);
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var id = (string)(await filed.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await PostUntilOkAsync("ma-approver", $"/api/requests/{id}/decisions", new JsonObject { ["decision"] = "approve" });
        return id;
    }

    // Filed to France and Portugal, validated by Morocco, France's offer (2 pumps, 2 boats) approved on its side and sent.
    public async Task<string> OpenWithFrenchOfferAsync()
    {
        var id = await OpenAsync("FR-DGSCGC", "PT-ANEPC");

        var line = (int requestLine) => new JsonObject
        {
            ["requestLine"] = requestLine, ["quantity"] = 2, ["earliestArrival"] = DateTimeOffset.UtcNow.AddHours(20).ToString("O"), ["durationDays"] = 10,
            ["selfSufficient"] = true, ["estimatedCost"] = new JsonObject { ["amount"] = 120000, ["currency"] = "EUR" },
        };
        var offered = await PostUntilOkAsync("fr-coordinator", $"/api/requests/{id}/offers", new JsonObject
        {
            ["lines"] = new JsonArray(line(0), line(1)),
            ["contact"] = new JsonObject { ["name"] = "Sophie Bernard", ["phone"] = "+33612345678", ["email"] = "s.bernard@example.org" },
        });
        var offerId = (string)offered["exchange"]!["offers"]![0]!["offerId"]!;
        await PostUntilOkAsync("fr-approver", $"/api/requests/{id}/offers/{offerId}/approvals", new JsonObject { ["decision"] = "approve" });
        return id;
    }

    // The stage reaches its approvers through the queue: retried while the request has not got there yet.
    public async Task<JsonObject> PostUntilOkAsync(string user, string path, JsonObject body)
    {
        using var client = host.ClientFor(user);
        var deadline = DateTime.UtcNow.AddSeconds(Slow / 1000);
        while (true)
        {
            using var response = await client.PostAsJsonAsync(path, body);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{user} {path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(250);
        }
    }
}
