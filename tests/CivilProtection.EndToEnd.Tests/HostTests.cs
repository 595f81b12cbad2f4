using System.Net;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>What the host serves besides the API, and what it refuses outside Development.</summary>
public abstract class HostTests<THost>(HostFixture<THost> fixture) where THost : IHostKind
{
    [Fact]
    public async Task The_pages_are_served_from_the_same_files_with_safe_headers()
    {
        using var index = await fixture.As(null).GetAsync("/");
        await Api.ExpectAsync(index, HttpStatusCode.OK);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", index.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        using var traversal = await fixture.As(null).GetAsync("/..%2F..%2Fappsettings.json");
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
    }

    [Fact]
    public async Task The_health_probe_names_the_tzdb_release_every_local_time_comes_from()
    {
        using var health = await fixture.As(null).GetAsync("/api/health");
        await Api.ExpectAsync(health, HttpStatusCode.OK);
        var body = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(health.Content))!;

        // NodaTime's embedded data, newer than the machine's (2025b): 2026f or later.
        var version = (string)body["timeZoneData"]!;
        Assert.Matches("^20[0-9]{2}[a-z]$", version);
        Assert.True(string.CompareOrdinal(version, "2026f") >= 0, $"tzdb {version} is older than 2026f");
    }

    [Fact]
    public async Task Development_lists_the_seeded_users_for_sign_in()
    {
        var users = await fixture.As(null).GetArrayAsync("/api/dev/users");
        Assert.Contains(users, u => (string)u!["userId"]! == "ma-duty");
        Assert.Contains(users, u => (string)u!["userId"]! == "fr-approver");
    }

    [Fact]
    public async Task Outside_Development_neither_the_sign_in_page_nor_the_dev_header_exists()
    {
        await using var production = await THost.StartAsync(new HostStart("Production", ProductionSettings(), fixture.Host.TablePrefix));
        var client = production.ClientFor("ma-duty");

        using var me = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        using var users = await client.GetAsync("/api/dev/users");
        Assert.Equal(HttpStatusCode.NotFound, users.StatusCode);
        using var signIn = await client.PostJsonAsync("/api/dev/sign-in", new System.Text.Json.Nodes.JsonObject { ["userId"] = "ma-duty" });
        Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
        Assert.False(signIn.Headers.Contains("Set-Cookie"));
    }

    // Outside Development the app needs real Twilio settings to start; these only have to be well-formed.
    private static Dictionary<string, string?> ProductionSettings() => new()
    {
        ["CivilProtection:Twilio:AccountSid"] = "AC" + new string('0', 32),
        ["CivilProtection:Twilio:AuthToken"] = new string('1', 32),
        ["CivilProtection:Twilio:MessagingServiceSid"] = "MG" + new string('2', 32),
        ["CivilProtection:Twilio:PublicBaseUrl"] = "https://civil-protection.example.org",
    };

    [Fact]
    public async Task The_health_probe_answers_without_sign_in()
    {
        using var health = await fixture.As(null).GetAsync("/api/health");
        await Api.ExpectAsync(health, HttpStatusCode.OK);
    }
}

public sealed class HostTestsOnLocalHost(HostFixture<OnLocalHost> fixture) : HostTests<OnLocalHost>(fixture), IClassFixture<HostFixture<OnLocalHost>>;

public sealed class HostTestsOnFunctionsApp(HostFixture<OnFunctionsApp> fixture) : HostTests<OnFunctionsApp>(fixture), IClassFixture<HostFixture<OnFunctionsApp>>;
