using System.Text.Json.Nodes;

namespace CivilProtection.Testing;

/// <summary>Valid request forms to start from; tests change one field to prove one rule.</summary>
public static class RequestSamples
{
    /// <summary>The same flood, asking <paramref name="partners"/> for offers instead of one authority through a route.</summary>
    public static JsonObject FloodToPartners(params string[] partners)
    {
        var form = Flood();
        form.Remove("assistingAuthorityId");
        form["assistingAuthorityIds"] = new JsonArray(partners.Select(p => (JsonNode)p).ToArray());
        return form;
    }

    public static JsonObject Flood(string assisting = "FR-DGSCGC", string urgency = "life-safety") => new()
    {
        ["assistingAuthorityId"] = assisting,
        ["incident"] = new JsonObject
        {
            ["type"] = "flood",
            ["title"] = "Crue de l'oued Sebou",
            ["description"] = "Inondations majeures dans la plaine du Gharb ; 12 000 personnes évacuées.",
            ["region"] = "Rabat-Salé-Kénitra",
            ["place"] = "Sidi Kacem",
            ["coordinates"] = new JsonObject { ["latitude"] = 34.22, ["longitude"] = -5.71 },
        },
        ["urgency"] = urgency,
        ["capabilities"] = new JsonArray
        {
            new JsonObject { ["code"] = "high-capacity-pumping", ["quantity"] = 2, ["notes"] = "Modules HCP avec autonomie 72 h" },
            new JsonObject { ["code"] = "flood-rescue-boats", ["quantity"] = 4 },
        },
        ["neededBy"] = DateTimeOffset.UtcNow.AddDays(2).ToString("O"),
        ["contact"] = new JsonObject { ["name"] = "Youssef El Amrani", ["phone"] = "+212612345678", ["email"] = "y.elamrani@protectioncivile.ma" },
        ["language"] = "fr",
    };
}
