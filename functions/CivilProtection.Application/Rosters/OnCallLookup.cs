using CivilProtection.Domain.Rosters;

namespace CivilProtection.Application.Rosters;

/// <summary>
/// "Whom do we page?": the people of one team of one authority on call at an instant, by tier, lowest first,
/// resolved to their records (a person removed since the roster was written is skipped; an empty tier is left out).
/// </summary>
public sealed class OnCallLookup(IRosters rosters, IPeople people)
{
    public async Task<IReadOnlyList<OnCallPeople>> AtAsync(string authorityId, string team, DateTimeOffset instant, CancellationToken cancellationToken)
    {
        var roster = await rosters.FindAsync(authorityId, team, cancellationToken);
        if (roster is null)
        {
            return [];
        }
        var tiers = new List<OnCallPeople>();
        foreach (var tier in roster.OnCallAt(instant))
        {
            var found = new List<Person>();
            foreach (var id in tier.PersonIds)
            {
                if (await people.FindAsync(id, cancellationToken) is { } person && person.AuthorityId == authorityId)
                {
                    found.Add(person);
                }
            }
            if (found.Count > 0)
            {
                tiers.Add(new OnCallPeople(tier.Tier, found));
            }
        }
        return tiers;
    }
}

/// <summary>The people on call at one tier, in roster order.</summary>
public sealed record OnCallPeople(int Tier, IReadOnlyList<Person> People);
