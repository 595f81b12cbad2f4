using CivilProtection.Domain.Rosters;
namespace CivilProtection.Application.Rosters;

/// <summary>A roster as the page and the API show it: the shifts with names, their real instants, and who is on call now.</summary>
/// <param name="Version">Send it back with a replacement to be told (409) when someone else changed the roster meanwhile; null before the first save.</param>
public sealed record RosterView(
    string AuthorityId,
    string Team,
    string TimeZone,
    string? Version,
    IReadOnlyList<ShiftView> Shifts,
    OnCallView OnCallNow);

/// <summary>One shift: local start and end as written, and the instants they mean (after the gap/overlap policy).</summary>
public sealed record ShiftView(string PersonId, string? Name, int Tier, string Start, string End, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>Who is on call at one instant, by tier (1 first), with the local time and offset of the roster's zone then.</summary>
public sealed record OnCallView(string Team, DateTimeOffset At, string LocalTime, string TimeZone, string Offset, IReadOnlyList<OnCallTierView> Tiers);

/// <summary>The people on call at one tier; <paramref name="Gap"/> when none of them can be paged (each opted out of SMS).</summary>
public sealed record OnCallTierView(int Tier, IReadOnlyList<OnCallPersonView> People, bool Gap = false);

/// <summary>
/// A person on call: enough to know who, not their number (which only managers see). <paramref name="SmsOptedOut"/>:
/// they replied STOP, so paging skips them until they reply START.
/// </summary>
public sealed record OnCallPersonView(string PersonId, string? Name, string? Language, bool SmsOptedOut = false);

/// <summary>A person as the people page lists them, with whether (and since when) their number opted out of SMS.</summary>
public sealed record PersonView(
    string PersonId, string Name, string Mobile, string Language, string AuthorityId, IReadOnlyList<string> Roles, IReadOnlyList<string> Skills,
    bool SmsOptedOut, DateTimeOffset? SmsOptedOutAt, IReadOnlyList<string> TeamRoles)
{
    /// <param name="optedOutSince">When the person's number opted out, if it is opted out now.</param>
    public static PersonView Of(Person person, DateTimeOffset? optedOutSince) => new(
        person.PersonId, person.Name, person.Mobile, person.Language, person.AuthorityId, person.Roles, person.Skills,
        optedOutSince is not null, optedOutSince, person.TeamRoles);
}

/// <summary>The answer to an import: how many lines were stored.</summary>
public sealed record ImportResult(int Lines, int Created, int Updated);
