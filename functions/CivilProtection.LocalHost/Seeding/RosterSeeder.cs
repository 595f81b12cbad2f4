using System.Text.Json;
using CivilProtection.Application.Rosters;
using CivilProtection.Domain.Rosters;
using NodaTime;

namespace CivilProtection.LocalHost.Seeding;

/// <summary>
/// Writes the seeded people and on-call rosters at start-up, when <c>CivilProtection:SeedDirectory</c> is on, so a
/// local run always has someone on call. Idempotent: a seeded person already stored is left as people edited
/// it; a roster is rewritten only when it no longer has a tier-1 person on call now and a week from now, with
/// rolling 12-hour day and night shifts in the authority's zone from yesterday on, for <see cref="Days"/> days.
/// </summary>
public sealed class RosterSeeder(IPeople people, IRosters rosters, IConfiguration configuration, TimeProvider clock, ILogger<RosterSeeder> logger) : IHostedService
{
    public const int Days = 30;
    public static readonly LocalTime DayStarts = new(8, 0);
    public static readonly LocalTime NightStarts = new(20, 0);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("CivilProtection:SeedDirectory", false))
        {
            return;
        }
        var seed = Load();
        foreach (var person in seed.People)
        {
            if (await people.FindAsync(person.PersonId, cancellationToken) is null)
            {
                await people.SaveAsync(person, cancellationToken);
            }
        }
        var now = clock.GetUtcNow();
        var zones = DirectorySeeder.Load().Authorities.ToDictionary(a => a.Id, a => a.TimeZone, StringComparer.Ordinal);
        foreach (var plan in seed.Rosters)
        {
            var stored = await rosters.FindAsync(plan.AuthorityId, plan.Team, cancellationToken);
            if (stored is not null && HasTierOneOnCall(stored, now) && HasTierOneOnCall(stored, now.AddDays(7)))
            {
                continue;
            }
            var roster = Generate(plan, zones[plan.AuthorityId], now);
            await rosters.SaveAsync(roster, cancellationToken);
            logger.LogInformation("Seeded the {Team} roster of {Authority}: {Shifts} shifts over {Days} days", plan.Team, plan.AuthorityId, roster.Shifts.Count, Days);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Rolling day (08:00–20:00) and night (20:00–08:00) shifts from yesterday's day shift on, tier by tier.</summary>
    public static OnCallRoster Generate(RosterPlan plan, string timeZone, DateTimeOffset now)
    {
        var zone = RosterTime.FindZone(timeZone) ?? throw new InvalidDataException($"Unknown time zone {timeZone}.");
        var first = Instant.FromDateTimeOffset(now).InZone(zone).Date.PlusDays(-1);
        var shifts = new List<RosterShift>();
        for (var day = 0; day < Days; day++)
        {
            var date = first.PlusDays(day);
            foreach (var tier in plan.Tiers.OrderBy(t => t.Tier))
            {
                shifts.Add(new RosterShift(tier.Day, tier.Tier, date + DayStarts, date + NightStarts));
                shifts.Add(new RosterShift(tier.Night, tier.Tier, date + NightStarts, date.PlusDays(1) + DayStarts));
            }
        }
        return new OnCallRoster(plan.AuthorityId, plan.Team, timeZone, shifts);
    }

    /// <summary>The seed shipped with the local host (<c>Seeding/people.json</c>, copied next to the binaries).</summary>
    public static PeopleSeed Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Seeding", "people.json");
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<PeopleSeed>(stream, Json) ?? throw new InvalidDataException("people.json is empty.");
    }

    private static bool HasTierOneOnCall(OnCallRoster roster, DateTimeOffset instant) => roster.OnCallAt(instant) is [{ Tier: 1 }, ..];

    /// <summary>The seeded people and who covers each tier of each roster by day and by night.</summary>
    public sealed record PeopleSeed(IReadOnlyList<Person> People, IReadOnlyList<RosterPlan> Rosters);

    /// <summary>One team's roster: for each tier, who is on call by day and by night.</summary>
    public sealed record RosterPlan(string AuthorityId, string Team, IReadOnlyList<TierPlan> Tiers);

    /// <summary>The person on call at one tier in the day shift and in the night shift.</summary>
    public sealed record TierPlan(int Tier, string Day, string Night);
}
