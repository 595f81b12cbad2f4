using System.Text.Json.Nodes;
using CivilProtection.Application.Directory;
using CivilProtection.Domain.Approvals;
using CivilProtection.Domain.Authorities;
using CivilProtection.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// A request's deadlines as the API gives them: in the requesting and the assisting authority's zones, computed with
/// NodaTime's tzdb (2026f: Morocco on UTC+0 since 2026-09-20; the machine's 2025b still says UTC+1), across Morocco's
/// change and a European one. A fake clock puts the filing where the deadlines fall on those days; at each instant
/// chosen in Morocco the machine's data says otherwise, so an answer computed with it would fail these tests.
/// </summary>
public sealed class LocalTimesTests : IAsyncLifetime
{
    private const string Morocco = "MA-DGPC";
    private const string France = "FR-DGSCGC";
    private const string MoroccanRegion = "MA-RSK";

    // Each test starts its own host at its own instant: a fake clock moves only forward, and jumping weeks fires every timer between.
    private TestHost _host = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private async Task StartAtAsync(string instant)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(instant));
        _host = await TestHost.StartAsync(configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        // A region of Morocco asking the national authority: both sides in one zone.
        var directory = _host.Service<IDirectory>();
        await directory.SaveAuthorityAsync(new Authority(MoroccanRegion, "MA", "Protection civile, région Rabat-Salé-Kénitra", ["fr", "ar"], "Africa/Casablanca"), default);
        await directory.SaveRouteAsync(new ApprovalRoute(MoroccanRegion, Morocco, [new StageDefinition("acceptance", Morocco, "acceptance", DecisionDeadlines.Default)]), default);
        await directory.SaveUserAsync(new DirectoryUser("rsk-duty", "Hamza Alami", MoroccanRegion, ["duty-officer"], []), default);
    }

    /// <summary>
    /// Filed at <c>filedAt</c>, the life-safety validation is due an hour later; each line is one local time as
    /// "authorities zone local offset", Morocco first (the requesting side).
    /// </summary>
    public static TheoryData<string, string, string[], string[]> Deadlines => new()
    {
        {
            // The validation falls the day before Morocco's change (UTC+1); the needed-by after it, where tzdb 2026f
            // has UTC+0 and the machine's 2025b would say 07:10 +01:00.
            "2026-09-19T04:10:00Z", "2026-12-06T06:10:00Z",
            ["MA-DGPC Africa/Casablanca 2026-09-19T06:10 +01:00", "FR-DGSCGC Europe/Paris 2026-09-19T07:10 +02:00"],
            ["MA-DGPC Africa/Casablanca 2026-12-06T06:10 +00:00", "FR-DGSCGC Europe/Paris 2026-12-06T07:10 +01:00"]
        },
        {
            // 2026-10-25: Paris goes from UTC+2 to UTC+1 at 01:00 UTC, so 02:30 comes at 00:30 UTC and again at 01:30 UTC.
            "2026-10-24T23:30:00Z", "2026-10-25T01:30:00Z",
            ["MA-DGPC Africa/Casablanca 2026-10-25T00:30 +00:00", "FR-DGSCGC Europe/Paris 2026-10-25T02:30 +02:00"],
            ["MA-DGPC Africa/Casablanca 2026-10-25T01:30 +00:00", "FR-DGSCGC Europe/Paris 2026-10-25T02:30 +01:00"]
        },
    };

    [Theory]
    [MemberData(nameof(Deadlines))]
    public async Task Stage_deadlines_and_needed_by_come_in_both_authorities_zones_by_tzdb(
        string filedAt, string neededBy, string[] stageDeadline, string[] neededByLocal)
    {
        await StartAtAsync(filedAt);
        var view = await FileAsync(neededBy);
        var stage = await StageOpenedAsync(view, "ma-approver");

        Assert.Equal(DateTimeOffset.Parse(filedAt).AddHours(1), (DateTimeOffset)stage["deadline"]!);
        Assert.Equal(stageDeadline, Lines(stage["deadlineLocal"]));
        Assert.Equal(neededByLocal, Lines(view["neededByLocal"]));
        Assert.All(view["neededByLocal"]!.AsArray(), l => Assert.Equal(
            (string)l!["timeZone"]! == "Europe/Paris" ? ("heure de Paris", "Paris time") : ("heure du Maroc", "Morocco time"),
            ((string)l["zoneName"]!["fr"]!, (string)l["zoneName"]!["en"]!)));
    }

    [Fact]
    public async Task Two_authorities_in_one_zone_get_one_local_time_naming_both()
    {
        await StartAtAsync("2026-09-19T04:10:00Z");
        var view = await FileAsync(neededBy: "2026-12-06T06:10:00Z", duty: "rsk-duty", assisting: Morocco);

        var only = Assert.Single(view["neededByLocal"]!.AsArray())!;
        Assert.Equal([MoroccanRegion, Morocco], only["authorityIds"]!.AsArray().Select(a => (string)a!));
        Assert.Equal("2026-12-06T06:10", (string)only["local"]!);
        Assert.Equal("+00:00", (string)only["offset"]!);
    }

    private async Task<JsonObject> FileAsync(string neededBy, string duty = "ma-duty", string assisting = France)
    {
        var form = RequestSamples.Flood(assisting);
        form["neededBy"] = neededBy;
        using var client = _host.ClientFor(duty);
        return await client.FileAsync(form);
    }

    // Routing is asynchronous: the stage's deadline is set once it opens, which the approver's read shows.
    private async Task<JsonObject> StageOpenedAsync(JsonObject filed, string approver)
    {
        using var client = _host.ClientFor(approver);
        await client.WaitForInboxItemAsync(Api.Id(filed), 0);
        return (await client.GetRequestAsync(Api.Id(filed)))["stages"]![0]!.AsObject();
    }

    private static IEnumerable<string> Lines(JsonNode? locals) => locals!.AsArray().Select(l =>
        $"{string.Join(",", l!["authorityIds"]!.AsArray().Select(a => (string)a!))} {l["timeZone"]} {l["local"]} {l["offset"]}");
}
