using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>The exchange's forms and the parts of a request's view the exchange tests read.</summary>
public static class ExchangeSteps
{
    public static JsonObject OfferForm(params JsonObject[] lines) => new()
    {
        ["lines"] = new JsonArray(lines.Select(l => (JsonNode)l.DeepClone()).ToArray()),
        ["contact"] = new JsonObject { ["name"] = "Officier de liaison", ["phone"] = "+33612345678", ["email"] = "liaison@example.org" },
    };

    public static JsonObject Line(int requestLine, int quantity) => new()
    {
        ["requestLine"] = requestLine,
        ["quantity"] = quantity,
        ["earliestArrival"] = DateTimeOffset.UtcNow.AddHours(18).ToString("O"),
        ["durationDays"] = 14,
        ["selfSufficient"] = true,
        ["conditions"] = "Transport par voie aérienne à la charge du pays hôte",
        ["estimatedCost"] = new JsonObject { ["amount"] = 98_500.75m, ["currency"] = "EUR" },
    };

    public static JsonObject Accept((int Line, int Quantity)[] lines, string? comment = null, int? version = null) => new()
    {
        ["lines"] = new JsonArray(lines.Select(l => (JsonNode)new JsonObject { ["offerLine"] = l.Line, ["quantity"] = l.Quantity }).ToArray()),
        ["comment"] = comment,
        ["version"] = version,
    };

    public static async Task<JsonObject> DecideOfferAsync(HttpClient duty, string id, string offerId, (int Line, int Quantity)[] lines, string? comment = null)
    {
        using var response = await duty.PostJsonAsync($"/api/requests/{id}/offers/{offerId}/decision", Accept(lines, comment));
        await Api.ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static List<JsonObject> Offers(JsonObject view) => view["exchange"]!["offers"]!.AsArray().Select(o => o!.AsObject()).ToList();

    public static JsonObject OfferOf(JsonObject view, string authority) => Offers(view).Single(o => (string)o["authorityId"]! == authority);

    public static List<JsonObject> Coverage(JsonObject view) => view["exchange"]!["coverage"]!.AsArray().Select(c => c!.AsObject()).ToList();
}
