using System.Text.Json.Serialization;
using NodaTime;

namespace CivilProtection.Domain.Rosters;

/// <summary>
/// Who is on call for one team of one authority: shifts written in the authority's IANA time zone, each putting
/// a person at a tier (1 is paged first), and the answer to "who is on call at this instant".
/// </summary>
/// <remarks>
/// A roster is valid or it does not exist: the constructor refuses an unknown zone, a tier out of range or a
/// shift that does not end after it starts, listing every problem (<see cref="RosterRejectedException"/>).
/// Local times become instants through <see cref="RosterTime"/>, whose policy for daylight-saving gaps and
/// overlaps is the same for starts and ends, so back-to-back shifts meet without a hole even across a change.
/// </remarks>
public sealed record OnCallRoster
{
    /// <summary>More shifts than this is not a roster but a history; past shifts should be removed.</summary>
    public const int MaxShifts = 1000;

    private readonly IReadOnlyList<(Instant Start, Instant End)> _intervals;

    public OnCallRoster(string authorityId, string team, string timeZone, IReadOnlyList<RosterShift> shifts)
    {
        var problems = new List<RosterProblem>();
        if (string.IsNullOrWhiteSpace(authorityId))
        {
            problems.Add(new("authorityId", RosterRule.NoAuthority, "A roster belongs to an authority."));
        }
        if (!RosterRules.IsTeamName(team))
        {
            problems.Add(new("team", RosterRule.TeamName, "A team is named with 1 to 40 lower-case letters, digits and dashes."));
        }
        var zone = RosterTime.FindZone(timeZone);
        if (zone is null)
        {
            problems.Add(new("timeZone", RosterRule.TimeZone, $"'{timeZone}' is not an IANA time zone."));
        }
        shifts ??= [];
        if (shifts.Count > MaxShifts)
        {
            problems.Add(new("shifts", RosterRule.TooManyShifts, $"A roster holds at most {MaxShifts} shifts; remove past ones."));
        }
        for (var i = 0; i < shifts.Count; i++)
        {
            problems.AddRange(RosterRules.Check(shifts[i], $"shifts[{i}]"));
        }
        if (problems.Count > 0)
        {
            throw new RosterRejectedException(problems);
        }

        AuthorityId = authorityId;
        Team = team;
        TimeZone = timeZone;
        Shifts = shifts.ToList();
        Zone = zone!;
        _intervals = Shifts.Select(s => (RosterTime.ToInstant(s.Start, Zone), RosterTime.ToInstant(s.End, Zone))).ToList();
    }

    public string AuthorityId { get; }

    /// <summary>An approver group (<c>validation</c>, <c>acceptance</c>) or <see cref="Teams.Operations"/>.</summary>
    public string Team { get; }

    /// <summary>The IANA zone the shifts are written in, e.g. <c>Africa/Casablanca</c>.</summary>
    public string TimeZone { get; }

    /// <summary>The shifts in roster order: people of the same tier at the same instant are paged in this order.</summary>
    public IReadOnlyList<RosterShift> Shifts { get; }

    /// <summary>The zone from NodaTime's embedded tzdb (never the machine's).</summary>
    [JsonIgnore]
    public DateTimeZone Zone { get; }

    /// <summary>
    /// The people on call at <paramref name="instant"/>, by tier, lowest tier first; empty when nobody is.
    /// A shift covers its start and not its end. A person on call at several tiers at once is listed only at the
    /// lowest, so escalating to the next tier never pages the same person twice.
    /// </summary>
    public IReadOnlyList<OnCallTier> OnCallAt(DateTimeOffset instant)
    {
        var now = Instant.FromDateTimeOffset(instant);
        var tiers = new SortedDictionary<int, List<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var index in Enumerable.Range(0, Shifts.Count).Where(i => _intervals[i].Start <= now && now < _intervals[i].End).OrderBy(i => Shifts[i].Tier))
        {
            var shift = Shifts[index];
            if (!seen.Add(shift.PersonId))
            {
                continue;
            }
            if (!tiers.TryGetValue(shift.Tier, out var people))
            {
                tiers[shift.Tier] = people = [];
            }
            people.Add(shift.PersonId);
        }
        return tiers.Select(t => new OnCallTier(t.Key, t.Value)).ToList();
    }

    /// <summary>When a shift really starts and ends, as instants (see <see cref="RosterTime"/> for gaps and overlaps).</summary>
    public (DateTimeOffset Start, DateTimeOffset End) IntervalOf(int shiftIndex) =>
        (_intervals[shiftIndex].Start.ToDateTimeOffset(), _intervals[shiftIndex].End.ToDateTimeOffset());

    /// <summary>The same team with other shifts (validated like any roster).</summary>
    public OnCallRoster WithShifts(IReadOnlyList<RosterShift> shifts) => new(AuthorityId, Team, TimeZone, shifts);

    /// <summary>The local time in the roster's zone at <paramref name="instant"/>.</summary>
    public LocalDateTime LocalTimeAt(DateTimeOffset instant) => Instant.FromDateTimeOffset(instant).InZone(Zone).LocalDateTime;

    public bool Equals(OnCallRoster? other) =>
        other is not null && AuthorityId == other.AuthorityId && Team == other.Team && TimeZone == other.TimeZone && Shifts.SequenceEqual(other.Shifts);

    public override int GetHashCode() => HashCode.Combine(AuthorityId, Team, TimeZone, Shifts.Count);
}

/// <summary>
/// One shift: a person, their tier (1 is paged first), and when it starts and ends in the roster's local time.
/// In JSON the times are ISO local date-times without offset (<c>2026-03-29T01:00:00</c>).
/// </summary>
public sealed record RosterShift(
    string PersonId,
    int Tier,
    [property: JsonConverter(typeof(LocalDateTimeJsonConverter))] LocalDateTime Start,
    [property: JsonConverter(typeof(LocalDateTimeJsonConverter))] LocalDateTime End);

/// <summary>The people on call at one tier, in roster order.</summary>
public sealed record OnCallTier(int Tier, IReadOnlyList<string> PersonIds);

/// <summary>One thing wrong with a roster, named by its path (<c>shifts[3].end</c>).</summary>
public sealed record RosterProblem(string Field, RosterRule Rule, string Message);

/// <summary>Which rule of a roster a <see cref="RosterProblem"/> breaks, for callers that word it themselves.</summary>
public enum RosterRule
{
    NoAuthority,
    TeamName,
    TimeZone,
    TooManyShifts,
    EmptyShift,
    PersonId,
    Tier,
    ImplausibleStart,
    EndBeforeStart,
    ShiftTooLong,
}

/// <summary>A roster that would break its rules; nothing was changed.</summary>
public sealed class RosterRejectedException : Exception
{
    public RosterRejectedException(IReadOnlyList<RosterProblem> problems)
        : base("The roster is not valid: " + string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}"))) => Problems = problems;

    public RosterRejectedException() : this([]) { }

    public RosterRejectedException(string message) : base(message) => Problems = [];

    public RosterRejectedException(string message, Exception innerException) : base(message, innerException) => Problems = [];

    public IReadOnlyList<RosterProblem> Problems { get; }
}
