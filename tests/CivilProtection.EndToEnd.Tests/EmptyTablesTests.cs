using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CivilProtection.Application.Directory;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// The Functions app as a new deployment meets it: empty tables, no seed, only the first platform administrator set.
/// Everything else is made through the API, and the first request is filed and approved.
/// </summary>
public sealed class EmptyTablesTests
{
    private static readonly string FirstAdmin = Guid.NewGuid().ToString();

    [Fact]
    public async Task From_empty_tables_the_first_administrator_builds_the_directory_and_a_request_is_filed_and_approved()
    {
        await using var app = await FunctionsAppHost.StartAsync(
            seed: false,
            settings: new Dictionary<string, string?> { [FirstPlatformAdmin.SettingKey] = FirstAdmin });
        using var admin = app.ClientFor(FirstAdmin);
        Assert.Empty(await admin.GetArrayAsync("/api/directory/authorities"));

        await PutAsync(admin, "/api/directory/authorities/MA-DGPC", Authority("MA", "Direction Générale de la Protection Civile", "Africa/Casablanca"));
        await PutAsync(admin, "/api/directory/authorities/FR-DGSCGC", Authority("FR", "Direction générale de la Sécurité civile", "Europe/Paris"));
        await PutAsync(admin, "/api/directory/partnerships/MA-DGPC/FR-DGSCGC", new JsonObject
        {
            ["requestStages"] = new JsonArray(Stage("validation")),
            ["offerStages"] = new JsonArray(Stage("acceptance")),
        });
        await PutAsync(admin, "/api/directory/authorities/MA-DGPC/people/new-duty", Person("Nadia Duty", ["duty-officer"], []));
        await PutAsync(admin, "/api/directory/authorities/MA-DGPC/people/new-approver", Person("Karim Approver", ["approver"], ["validation"]));
        await PutAsync(admin, "/api/directory/authorities/FR-DGSCGC/people/new-acceptor", Person("Claire Acceptor", ["approver"], ["acceptance"]));

        var filed = await app.ClientFor("new-duty").FileAsync(RequestSamples.Flood());
        using var approver = app.ClientFor("new-approver");
        await approver.WaitForInboxItemAsync(Api.Id(filed), 0);
        await approver.DecideAsync(Api.Id(filed), "approve");
        using var acceptor = app.ClientFor("new-acceptor");
        await acceptor.WaitForInboxItemAsync(Api.Id(filed), 1);
        var decided = await acceptor.DecideAsync(Api.Id(filed), "approve");

        Assert.Equal("approved", (string)decided["status"]!);
        Assert.Equal(["submitted", "stage-opened", "stage-approved", "stage-opened", "stage-approved", "approved"], Api.Actions(decided));
    }

    private static async Task PutAsync(HttpClient client, string path, JsonObject body)
    {
        using var response = await client.PutAsJsonAsync(path, body);
        await Api.ExpectAsync(response, HttpStatusCode.OK);
    }

    private static JsonObject Authority(string country, string name, string zone) => new()
    {
        ["country"] = country,
        ["name"] = name,
        ["names"] = new JsonObject { ["fr"] = name, ["en"] = name, ["ar"] = name },
        ["languages"] = new JsonArray("fr", "en"),
        ["timeZone"] = zone,
        ["contactTeam"] = "operations",
    };

    private static JsonObject Stage(string name) => new()
    {
        ["name"] = name,
        ["approverGroup"] = name,
        ["deadlines"] = new JsonObject { ["lifeSafety"] = "01:00:00", ["urgent"] = "04:00:00", ["routine"] = "1.00:00:00" },
    };

    private static JsonObject Person(string name, string[] roles, string[] groups) => new()
    {
        ["displayName"] = name,
        ["roles"] = new JsonArray(roles.Select(r => (JsonNode)r).ToArray()),
        ["approverGroups"] = new JsonArray(groups.Select(g => (JsonNode)g).ToArray()),
    };
}
