using CivilProtection.Application.Rosters;
using CivilProtection.Domain.Rosters;
using CivilProtection.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>A local host pointed at a fake Twilio on loopback, with the people and rosters a test pages.</summary>
public static class FakeTwilioHost
{
    /// <summary>
    /// Starts the fake and a host whose public URL is its own address (so Twilio's callbacks reach it), on
    /// <paramref name="clock"/> when given; with <paramref name="withVoice"/>, a voice number too; with
    /// <paramref name="extra"/>, settings of its own.
    /// </summary>
    public static async Task<(FakeTwilio Twilio, TestHost Host)> StartAsync(
        TimeProvider? clock = null, bool withVoice = false, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var twilio = await FakeTwilio.StartAsync();
        var address = new Uri($"http://127.0.0.1:{Azurite.FreePort()}/");
        var settings = twilio.Settings(address, withVoice: withVoice);
        settings["urls"] = address.AbsoluteUri;
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var host = await TestHost.StartAsync(settings: settings, configure: clock is null ? null : b => b.Services.AddSingleton(clock));
        return (twilio, host);
    }

    /// <summary>Saves the people, then each roster: everyone on call from yesterday to the day after tomorrow, in the tier given.</summary>
    public static async Task OnCallAsync(IAppHost host, TimeProvider clock, IEnumerable<Person> people, params (string AuthorityId, string Team, DateTimeZone Zone, (Person Person, int Tier)[] Tiers)[] rosters)
    {
        foreach (var person in people)
        {
            await host.Service<IPeople>().SaveAsync(person, CancellationToken.None);
        }
        foreach (var (authorityId, team, zone, tiers) in rosters)
        {
            var now = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(zone).LocalDateTime;
            await host.Service<IRosters>().SaveAsync(new OnCallRoster(authorityId, team, zone.Id,
                tiers.Select(t => new RosterShift(t.Person.PersonId, t.Tier, now.PlusDays(-1), now.PlusDays(2))).ToList()), CancellationToken.None);
        }
    }
}
