using System.Globalization;
using System.Text.RegularExpressions;
using CivilProtection.Application.Directory;
using CivilProtection.Domain.Approvals;
using CivilProtection.Domain.Authorities;
using NodaTime;

namespace CivilProtection.Browser.Tests;

/// <summary>
/// The request page gives its deadlines on both authorities' clocks, the reader's own first, each zone named in the
/// page's language, as the server computed them with NodaTime's tzdb 2026f. Havana tells those rules from both the
/// browser's (Chromium's ICU keeps Cuba's winter time, UTC-5, in 2026-27; tzdb 2026f has UTC-4) and the machine's;
/// Casablanca from the machine's (2025b: UTC+1 after 2026-09-20, 2026f: UTC+0). A page computing either zone itself
/// would show other hours.
/// </summary>
public sealed class ZoneTimesOnTheRequestPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Morocco = "MA-DGPC";
    private const string Cuba = "CU-DCN";
    private static readonly DateTimeZone Casablanca = DateTimeZoneProviders.Tzdb["Africa/Casablanca"];
    private static readonly DateTimeZone Havana = DateTimeZoneProviders.Tzdb["America/Havana"];

    [Fact]
    public async Task Needed_by_and_the_stage_deadline_show_both_zones_times_named_the_readers_first()
    {
        await AddCubaAsync();
        var neededBy = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(3).AddHours(6).AddMinutes(10), TimeSpan.Zero);
        var (id, deadline) = await FileAsync(neededBy);

        var duty = await fixture.SignedInAsAsync("ma-duty");
        var missing = PageChecks.MissingTexts(duty);
        await duty.GotoAsync($"/#/requests/{id}");
        var neededByTimes = duty.GetByTestId("request-needed-by").GetByTestId("zone-time");
        await Expect(neededByTimes).ToHaveCountAsync(2);
        await ExpectZoneTimeAsync(neededByTimes.Nth(0), Casablanca, neededBy, "Morocco time");
        await ExpectZoneTimeAsync(neededByTimes.Nth(1), Havana, neededBy, HavanaName(neededBy));
        await ExpectBrowserDisagreesAsync(duty, Havana, neededBy);

        var stageTimes = duty.GetByTestId("pending-stage").GetByTestId("zone-time");
        await ExpectZoneTimeAsync(stageTimes.Nth(0), Casablanca, deadline, "Morocco time");
        await ExpectZoneTimeAsync(stageTimes.Nth(1), Havana, deadline, HavanaName(deadline));
        await Expect(duty.GetByTestId("pending-stage").Locator(".countdown")).ToHaveTextAsync(new Regex(@"\d.* left$"));
        await PageChecks.ExpectAccessibleAsync(duty);

        // Switching language renames the zones in place.
        await duty.GetByTestId("language").SelectOptionAsync("fr");
        await ExpectZoneTimeAsync(neededByTimes.Nth(0), Casablanca, neededBy, "(heure du Maroc)");
        await ExpectZoneTimeAsync(neededByTimes.Nth(1), Havana, neededBy, $"({HavanaName(neededBy)})");

        // The Cuban side reads its own clock first.
        var cuban = await fixture.SignedInAsAsync("cu-duty");
        await cuban.GotoAsync($"/#/requests/{id}");
        var theirs = cuban.GetByTestId("request-needed-by").GetByTestId("zone-time");
        await ExpectZoneTimeAsync(theirs.Nth(0), Havana, neededBy, HavanaName(neededBy));
        await ExpectZoneTimeAsync(theirs.Nth(1), Casablanca, neededBy, "Morocco time");
        Assert.Empty(missing);
    }

    // Havana has no common name here: the page names it by its offset, as the SMS do.
    private static string HavanaName(DateTimeOffset at) =>
        "UTC" + Havana.GetUtcOffset(Instant.FromDateTimeOffset(at)).ToString("+HH:mm", CultureInfo.InvariantCulture);

    // "…06:10 Morocco time": the time NodaTime gives in that zone, then its name; the date before it is the page's to write.
    private static async Task ExpectZoneTimeAsync(ILocator element, DateTimeZone zone, DateTimeOffset at, string name)
    {
        var zoned = Instant.FromDateTimeOffset(at).InZone(zone);
        await Expect(element).ToHaveAttributeAsync("data-time-zone", zone.Id);
        await Expect(element).ToHaveTextAsync(new Regex($"(^|, ){zoned.ToString("HH:mm", CultureInfo.InvariantCulture)} {Regex.Escape(name)}$"));
        await Expect(element).ToHaveAttributeAsync("datetime",
            zoned.ToString("uuuu'-'MM'-'dd'T'HH':'mm", CultureInfo.InvariantCulture) + zoned.Offset.ToString("+HH:mm", CultureInfo.InvariantCulture));
    }

    // The test proves something only if the browser's own rules give another hour than tzdb 2026f's at that instant.
    private static async Task ExpectBrowserDisagreesAsync(IPage page, DateTimeZone zone, DateTimeOffset at)
    {
        var browsers = await page.EvaluateAsync<string>(
            "([zone, iso]) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso))",
            new[] { zone.Id, at.ToString("O", CultureInfo.InvariantCulture) });
        Assert.NotEqual(Instant.FromDateTimeOffset(at).InZone(zone).ToString("HH:mm", CultureInfo.InvariantCulture), browsers);
    }

    private async Task AddCubaAsync()
    {
        var directory = fixture.Host.Service<IDirectory>();
        await directory.SaveAuthorityAsync(new Authority(Cuba, "CU", "Defensa Civil Nacional", ["en"], "America/Havana"), default);
        await directory.SaveRouteAsync(new ApprovalRoute(Morocco, Cuba,
        [
            new StageDefinition("validation", Morocco, "validation", DecisionDeadlines.Default),
            new StageDefinition("acceptance", Cuba, "acceptance", DecisionDeadlines.Default),
        ]), default);
        await directory.SaveUserAsync(new DirectoryUser("cu-duty", "Yanet Pérez", Cuba, ["duty-officer"], []), default);
    }

    // Filed through the API; returns once the first stage is open, with its deadline.
    private async Task<(string Id, DateTimeOffset Deadline)> FileAsync(DateTimeOffset neededBy)
    {
        var form = RequestSamples.Flood(assisting: Cuba);
        form["neededBy"] = neededBy.ToString("O", CultureInfo.InvariantCulture);
        using var duty = fixture.Host.ClientFor("ma-duty");
        using var filed = await duty.PostAsJsonAsync("/api/requests", form);
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var id = (string)(await filed.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var view = (await duty.GetFromJsonAsync<JsonObject>($"/api/requests/{id}"))!;
            if (view["stages"]![0]!["deadline"] is { } deadline)
            {
                return (id, (DateTimeOffset)deadline);
            }
            Assert.True(DateTime.UtcNow < until, $"The first stage never opened: {view.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
