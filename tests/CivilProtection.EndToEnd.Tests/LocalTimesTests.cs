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
    public async Task A_dispatch_gives_its_report_time_and_answer_deadline_and_notices_their_escalation_in_both_zones()
    {
        // Approved at 00:50 UTC on 2026-10-25, dispatched at once: responders answer within 15 minutes, by 01:05 UTC,
        // just after Paris went back to UTC+1; they report on 6 December, when Morocco is on UTC+0.
        await StartAtAsync("2026-10-25T00:50:00Z");
        var id = Api.Id(await FileAsync(neededBy: "2026-12-06T06:10:00Z"));
        await ApproveAsync(id, "ma-approver", 0);
        await ApproveAsync(id, "fr-approver", 1);

        using var coordinator = _host.ClientFor("fr-coordinator");
        using var response = await coordinator.PostJsonAsync($"/api/requests/{id}/dispatch", new JsonObject
        {
            ["meetingPoint"] = "Base aérienne de Kénitra",
            ["reportAt"] = "2026-12-06T06:10:00Z",
            ["offers"] = new JsonArray { new JsonObject { ["personId"] = "fr-resp-01", ["capability"] = "high-capacity-pumping" } },
        });
        await Api.ExpectAsync(response, System.Net.HttpStatusCode.OK);
        var dispatch = (await coordinator.GetRequestAsync(id))["dispatch"]!;

        Assert.Equal(["MA-DGPC Africa/Casablanca 2026-12-06T06:10 +00:00", "FR-DGSCGC Europe/Paris 2026-12-06T07:10 +01:00"], Lines(dispatch["reportAtLocal"]));
        Assert.Equal(["MA-DGPC Africa/Casablanca 2026-10-25T01:05 +00:00", "FR-DGSCGC Europe/Paris 2026-10-25T02:05 +01:00"],
            Lines(dispatch["offers"]![0]!["answerByLocal"]));
        // The approval paged France's operations desk at 00:50 UTC; its next tier is paged five minutes later, at 02:55
        // Paris time still on UTC+2, ten minutes before the answers are due at 02:05 on UTC+1.
        JsonNode? notice = null;
        await Eventually.TrueAsync(async () =>
        {
            notice = (await coordinator.GetRequestAsync(id))["notices"]!.AsArray().SingleOrDefault(n => (string)n!["kind"]! == "assistance-approved" && n["escalatesAt"] is not null);
            return notice is not null;
        }, "the approval's notice to France's operations desk");
        Assert.NotNull(notice);
        Assert.Equal(DateTimeOffset.Parse("2026-10-25T00:55:00Z"), (DateTimeOffset?)notice["escalatesAt"]);
        Assert.Equal(["MA-DGPC Africa/Casablanca 2026-10-25T00:55 +00:00", "FR-DGSCGC Europe/Paris 2026-10-25T02:55 +02:00"], Lines(notice["escalatesAtLocal"]));
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

    private async Task ApproveAsync(string requestId, string approver, int stageIndex)
    {
        using var client = _host.ClientFor(approver);
        await client.WaitForInboxItemAsync(requestId, stageIndex);
        await client.DecideAsync(requestId, "approve");
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
