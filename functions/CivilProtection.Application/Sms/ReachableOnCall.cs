using CivilProtection.Application.Rosters;
using CivilProtection.Domain.Rosters;

namespace CivilProtection.Application.Sms;

/// <summary>
/// The people on call who can be paged by SMS now: whoever opted out is left out, and a tier left with nobody is
/// skipped, so escalation moves past them at once instead of waiting out an acknowledgement nobody can give.
/// </summary>
public sealed class ReachableOnCall(IRosters rosters, IPeople people, IOptOuts optOuts)
{
    /// <summary>The tiers of an authority's team roster on call at <paramref name="now"/>, with whoever cannot be paged by SMS left out.</summary>
    public async Task<IReadOnlyList<OnCallTier>> OnCallAsync(string authorityId, string team, DateTimeOffset now, CancellationToken cancellationToken) =>
        await FilterAsync((await rosters.FindAsync(authorityId, team, cancellationToken))?.OnCallAt(now) ?? [], cancellationToken);

    public async Task<IReadOnlyList<OnCallTier>> FilterAsync(IReadOnlyList<OnCallTier> tiers, CancellationToken cancellationToken)
    {
        if (tiers.Count == 0)
        {
            return tiers;
        }
        var ids = tiers.SelectMany(t => t.PersonIds).Distinct(StringComparer.Ordinal).ToList();
        var found = await Task.WhenAll(ids.Select(id => people.FindAsync(id, cancellationToken)));
        var mobiles = found.OfType<Person>().ToDictionary(p => p.PersonId, p => p.Mobile, StringComparer.Ordinal);
        var optedOut = await optOuts.OptedOutAsync(mobiles.Values.ToList(), cancellationToken);
        if (optedOut.Count == 0)
        {
            return tiers;
        }
        return tiers
            .Select(t => t with { PersonIds = t.PersonIds.Where(id => !(mobiles.TryGetValue(id, out var mobile) && optedOut.ContainsKey(mobile))).ToList() })
            .Where(t => t.PersonIds.Count > 0)
            .ToList();
    }
}
