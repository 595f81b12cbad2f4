using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CivilProtection.Application.Directory;
using CivilProtection.FunctionsHostDouble;
using CivilProtection.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// The production sign-in path through the real Functions app: Production, trusting App Service authentication, with
/// the host double playing Easy Auth (a session cookie in, <c>X-MS-CLIENT-PRINCIPAL</c> set by the front, a client's
/// own principal header dropped).
/// </summary>
public sealed class AppServiceSignInTests(AppServiceSignInTests.BehindEasyAuth fixture) : IClassFixture<AppServiceSignInTests.BehindEasyAuth>
{
    [Fact]
    public async Task People_signed_in_through_Easy_Auth_file_and_approve_a_request_as_their_Entra_selves()
    {
        using var dutyOfficer = fixture.SignedIn(BehindEasyAuth.DutyOfficerId, "Youssef El Amrani", "duty-officer");
        using var approver = fixture.SignedIn(BehindEasyAuth.ApproverId, "Salma Benali", "approver");

        var me = (await dutyOfficer.GetFromJsonAsync<JsonObject>("/api/me"))!;
        Assert.Equal(BehindEasyAuth.DutyOfficerId, (string)me["userId"]!);
        Assert.Equal("MA-DGPC", (string)me["authorityId"]!);
        var filed = await dutyOfficer.FileAsync(RequestSamples.Flood());
        await approver.WaitForInboxItemAsync(Api.Id(filed), 0);
        var decided = await approver.DecideAsync(Api.Id(filed), "approve");

        var approval = decided["timeline"]!.AsArray().Single(e => (string)e!["action"]! == "stage-approved")!;
        Assert.Equal(BehindEasyAuth.ApproverId, (string)approval["actorId"]!);
    }

    [Fact]
    public async Task A_principal_header_a_client_forges_never_reaches_the_app()
    {
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject
        {
            ["auth_typ"] = "aad",
            ["claims"] = new JsonArray { new JsonObject { ["typ"] = "oid", ["val"] = BehindEasyAuth.DutyOfficerId } },
        }.ToJsonString()));
        using var client = fixture.Host.ClientFor(null);
        client.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", forged);

        using var response = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_Development_header_means_nothing_in_Production()
    {
        using var response = await fixture.Host.ClientFor("ma-duty").GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>The Functions app in Production behind the double's Easy Auth, with two people of Entra ID in the directory.</summary>
    public sealed class BehindEasyAuth : IAsyncLifetime
    {
        public static readonly string DutyOfficerId = Guid.NewGuid().ToString();
        public static readonly string ApproverId = Guid.NewGuid().ToString();

        public FunctionsAppHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await FunctionsAppHost.StartAsync(
            environment: "Production",
            settings: new Dictionary<string, string?>
            {
                ["CivilProtection:Identity:TrustAppServiceAuthentication"] = "true",
                // Outside Development the app needs Twilio settings to start; nobody here is on call, so none is sent.
                ["CivilProtection:Twilio:AccountSid"] = "AC" + new string('0', 32),
                ["CivilProtection:Twilio:AuthToken"] = "not-a-real-token",
                ["CivilProtection:Twilio:MessagingServiceSid"] = "MG" + new string('0', 32),
                ["CivilProtection:Twilio:PublicBaseUrl"] = "https://cp.example.org",
                ["CivilProtection:Twilio:ApiBaseUrl"] = "http://127.0.0.1:9",
            },
            prepare: async services =>
            {
                var directory = services.GetRequiredService<IDirectory>();
                await directory.SaveUserAsync(new DirectoryUser(DutyOfficerId, "Youssef El Amrani", "MA-DGPC", [], []), CancellationToken.None);
                await directory.SaveUserAsync(new DirectoryUser(ApproverId, "Salma Benali", "MA-DGPC", [], ["validation"]), CancellationToken.None);
            },
            configure: options => options with { AppServiceAuthentication = true });

        public async Task DisposeAsync() => await Host.DisposeAsync();

        /// <summary>A browser signed in through Easy Auth: it carries only the session cookie.</summary>
        public HttpClient SignedIn(string objectId, string name, params string[] roles)
        {
            var client = Host.ClientFor(null);
            client.DefaultRequestHeaders.Add("Cookie", $"{FunctionsHost.SessionCookie}={Host.HostDouble.SignIn(objectId, name, roles)}");
            return client;
        }
    }
}
