using System.Net;
using System.Text.Json.Nodes;
using CivilProtection.Testing;
using static CivilProtection.EndToEnd.Tests.ExchangeParties;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>Real answers of the running host, along a request's life, match the schemas its OpenAPI document gives them.</summary>
public abstract class ResponseSchemaTests<THost>(ExchangeHostFixture<THost> fixture) where THost : IHostKind
{
    [Fact]
    public async Task An_answer_unlike_its_schema_fails_the_check_naming_where()
    {
        var schemas = await OpenApiSchemas.LoadAsync(fixture.As(null));
        using var forged = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""{ "userId": 42, "displayName": "x", "authorityId": "MA-DGPC", "roles": [], "approverGroups": [] }""", System.Text.Encoding.UTF8, "application/json"),
        };

        var failed = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => schemas.CheckAsync("GET", "/api/me", forged));

        Assert.Contains("/userId", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_along_a_request_to_partners_match_the_document()
    {
        var schemas = await OpenApiSchemas.LoadAsync(fixture.As(null));
        var duty = fixture.As("ma-duty");

        using (var me = await duty.GetAsync("/api/me")) { await schemas.CheckAsync("GET", "/api/me", me); }
        using (var authorities = await duty.GetAsync("/api/authorities")) { await schemas.CheckAsync("GET", "/api/authorities", authorities); }
        using (var catalogue = await duty.GetAsync("/api/catalogue")) { await schemas.CheckAsync("GET", "/api/catalogue", catalogue); }

        string id;
        using (var filed = await duty.PostJsonAsync("/api/requests", RequestSamples.FloodToPartners(Portugal)))
        {
            id = (string)(await schemas.CheckAsync("POST", "/api/requests", filed))["id"]!;
        }
        using (var invalid = await duty.PostJsonAsync("/api/requests", new JsonObject { ["urgency"] = "soon" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            await schemas.CheckAsync("POST", "/api/requests", invalid);
        }
        var approver = fixture.As("ma-approver");
        await approver.WaitForInboxItemAsync(id, 0);
        using (var inbox = await approver.GetAsync("/api/approvals")) { await schemas.CheckAsync("GET", "/api/approvals", inbox); }
        using (var work = await approver.GetAsync("/api/work")) { await schemas.CheckAsync("GET", "/api/work", work); }
        using (var approved = await approver.PostJsonAsync($"/api/requests/{id}/decisions", new JsonObject { ["decision"] = "approve" }))
        {
            await schemas.CheckAsync("POST", "/api/requests/{id}/decisions", approved);
        }
        using (var work = await fixture.As("pt-coordinator").GetAsync("/api/work")) { await schemas.CheckAsync("GET", "/api/work", work); }
        using (var offered = await fixture.As("pt-coordinator").PostJsonAsync($"/api/requests/{id}/offers", new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject
            {
                ["requestLine"] = 0, ["quantity"] = 1, ["earliestArrival"] = DateTimeOffset.UtcNow.AddHours(12).ToString("O"), ["durationDays"] = 5,
                ["selfSufficient"] = false, ["estimatedCost"] = new JsonObject { ["amount"] = 1000m, ["currency"] = "EUR" },
            }),
            ["contact"] = new JsonObject { ["name"] = "João Silva", ["phone"] = "+351912345678", ["email"] = "j.silva@prociv.pt" },
        }))
        {
            await schemas.CheckAsync("POST", "/api/requests/{id}/offers", offered);
        }
        using (var seen = await duty.GetAsync($"/api/requests/{id}")) { await schemas.CheckAsync("GET", "/api/requests/{id}", seen); }
        await duty.WaitForListedStatusAsync(id, "open");
        using (var listed = await duty.GetAsync("/api/requests")) { await schemas.CheckAsync("GET", "/api/requests", listed); }
        using (var hidden = await fixture.As("tn-coordinator").GetAsync($"/api/requests/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            await schemas.CheckAsync("GET", "/api/requests/{id}", hidden);
        }
        using (var health = await fixture.As(null).GetAsync("/api/health")) { await schemas.CheckAsync("GET", "/api/health", health); }
    }
}

public sealed class ResponseSchemaTestsOnLocalHost(ExchangeHostFixture<OnLocalHost> fixture) : ResponseSchemaTests<OnLocalHost>(fixture), IClassFixture<ExchangeHostFixture<OnLocalHost>>;

public sealed class ResponseSchemaTestsOnFunctionsApp(ExchangeHostFixture<OnFunctionsApp> fixture) : ResponseSchemaTests<OnFunctionsApp>(fixture), IClassFixture<ExchangeHostFixture<OnFunctionsApp>>;
