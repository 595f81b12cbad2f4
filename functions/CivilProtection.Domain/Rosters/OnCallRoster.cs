namespace CivilProtection.Domain.Rosters;

/// <summary>
/// Who is on call for one team of one authority: shifts in the authority's IANA time zone, each putting a
/// person at a tier (1 is paged first). PLACEHOLDER: the rosters work replaces this file with the real model.
/// </summary>
public sealed record OnCallRoster(string AuthorityId, string Team, string TimeZone, IReadOnlyList<RosterShift> Shifts)
{
    /// <summary>The people on call at <paramref name="instant"/>, by tier, lowest tier first.</summary>
    public IReadOnlyList<OnCallTier> OnCallAt(DateTimeOffset instant) => throw new NotImplementedException();
}

/// <summary>One shift: a person, their tier, and when it starts and ends in the roster's local time.</summary>
public sealed record RosterShift(string PersonId, int Tier, DateTime StartLocal, DateTime EndLocal);

/// <summary>The people on call at one tier, in roster order.</summary>
public sealed record OnCallTier(int Tier, IReadOnlyList<string> PersonIds);
