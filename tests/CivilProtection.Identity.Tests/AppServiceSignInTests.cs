using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CivilProtection.Api.Identity;
using CivilProtection.Testing;

namespace CivilProtection.Identity.Tests;

/// <summary>In Azure the signed-in person comes from App Service authentication's header, and only when the app is told to trust it.</summary>
public sealed class AppServiceSignInTests(AzureSignInFixture fixture) : IClassFixture<AzureSignInFixture>
{
    [Fact]
    public async Task A_valid_principal_is_honoured_when_the_app_trusts_App_Service_authentication()
    {
        var me = await GetMeAsync(fixture.As(Principals.Of(AzureSignInFixture.DutyOfficerId, "Y. El Amrani (Entra)", "duty-officer")));

        Assert.Equal(AzureSignInFixture.DutyOfficerId, (string)me["userId"]!);
        Assert.Equal("Youssef El Amrani", (string)me["displayName"]!);
        Assert.Equal("MA-DGPC", (string)me["authorityId"]!);
        Assert.Equal(["duty-officer"], Strings(me["roles"]));
    }

    [Fact]
    public async Task The_token_gives_the_roles_and_the_directory_gives_the_authority_and_approver_groups()
    {
        var approver = await GetMeAsync(fixture.As(Principals.Of(AzureSignInFixture.ApproverId, "Salma Benali", "approver", "not-an-app-role")));
        Assert.Equal(["approver"], Strings(approver["roles"]));
        Assert.Equal(["validation", "acceptance"], Strings(approver["approverGroups"]));

        // The directory still lists approver groups, but Entra no longer gives the approver role: the groups do not count.
        var demoted = await GetMeAsync(fixture.As(Principals.Of(AzureSignInFixture.FrenchApproverId, "Julien Moreau", "coordinator")));
        Assert.Equal(["coordinator"], Strings(demoted["roles"]));
        Assert.Empty(Strings(demoted["approverGroups"]));
    }

    [Fact]
    public async Task People_signed_in_through_App_Service_authentication_file_and_approve_a_request()
    {
        var dutyOfficer = fixture.As(Principals.Of(AzureSignInFixture.DutyOfficerId, "Youssef El Amrani", "duty-officer"));
        var approver = fixture.As(Principals.Of(AzureSignInFixture.ApproverId, "Salma Benali", "approver"));

        using var filed = await dutyOfficer.PostAsJsonAsync("/api/requests", RequestSamples.Flood());
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var id = (string)(await filed.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        using var decided = await approver.PostAsJsonAsync($"/api/requests/{id}/decisions", new JsonObject { ["decision"] = "approve" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        var view = (await decided.Content.ReadFromJsonAsync<JsonObject>())!;
        var approval = view["timeline"]!.AsArray().Single(e => (string)e!["action"]! == "stage-approved")!;
        Assert.Equal(AzureSignInFixture.ApproverId, (string)approval["actorId"]!);
        Assert.Equal("Salma Benali", (string)approval["actorName"]!);
    }

    [Fact]
    public async Task A_signed_in_person_the_directory_does_not_know_is_refused_as_not_assigned_to_an_authority()
    {
        var stranger = Guid.NewGuid().ToString();

        using var response = await fixture.As(Principals.Of(stranger, "Somebody New", "duty-officer", "admin")).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Not assigned to an authority.", (string)problem["title"]!);
        Assert.Contains(stranger, (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("e30")]                                   // {} without claims
    [InlineData("bm90IGpzb24=")]                          // "not json"
    [InlineData("WzEsMiwzXQ==")]                          // [1,2,3]
    [InlineData("eyJjbGFpbXMiOiJub3QgYW4gYXJyYXkifQ==")]  // {"claims":"not an array"}
    [InlineData("eyJjbGFpbXMiOlt7InR5cCI6Im5hbWUiLCJ2YWwiOiJObyBPaWQifV19")] // a name but no object id
    [InlineData("//79/A==")]                              // bytes that are not UTF-8
    public async Task A_malformed_principal_header_is_a_401_never_a_500(string header)
    {
        using var response = await fixture.As(header).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_oversized_principal_header_is_a_401()
    {
        var huge = Principals.Of(AzureSignInFixture.DutyOfficerId, new string('x', 40_000), "duty-officer");

        using var response = await fixture.As(huge).GetAsync("/api/me");

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.RequestHeaderFieldsTooLarge or HttpStatusCode.BadRequest,
            $"Expected a refusal, got {(int)response.StatusCode}.");
    }

    [Fact]
    public async Task Behind_App_Service_authentication_the_development_header_does_not_exist()
    {
        var client = fixture.As(null);
        client.DefaultRequestHeaders.Add(DevelopmentSignIn.Header, "ma-duty");

        using var me = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        using var signIn = await client.PostAsJsonAsync("/api/dev/sign-in", new JsonObject { ["userId"] = "ma-duty" });
        Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
    }

    [Fact]
    public async Task A_forged_principal_sent_to_an_app_not_configured_to_trust_it_is_ignored()
    {
        await using var untrusting = await TestHost.StartAsync(
            environment: "Production", settings: AzureSettings.BehindAppServiceAuthentication(trusted: false), tablePrefix: fixture.Host.TablePrefix);
        var forged = Principals.ClientWith(untrusting.BaseAddress, Principals.Of(AzureSignInFixture.DutyOfficerId, "Youssef El Amrani", "duty-officer", "admin"));

        using var me = await forged.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        using var filing = await forged.PostAsJsonAsync("/api/requests", RequestSamples.Flood());
        Assert.Equal(HttpStatusCode.Unauthorized, filing.StatusCode);
    }

    private static async Task<JsonObject> GetMeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/me");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Fail($"Expected 200 from /api/me but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static string[] Strings(JsonNode? array) => array!.AsArray().Select(n => (string)n!).ToArray();
}
