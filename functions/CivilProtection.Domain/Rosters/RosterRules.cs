using NodaTime;

namespace CivilProtection.Domain.Rosters;

/// <summary>The rules every shift and team name obeys, checked wherever one enters the system.</summary>
public static class RosterRules
{
    public const int MaxTier = 9;
    public const int MaxPersonIdLength = 64;
    public const int MaxTeamLength = 40;

    /// <summary>A shift longer than this is a typing mistake, not a duty.</summary>
    public static Period MaxShiftLength { get; } = Period.FromDays(31);

    private static readonly LocalDateTime Earliest = new(2000, 1, 1, 0, 0);
    private static readonly LocalDateTime Latest = new(2100, 1, 1, 0, 0);

    /// <summary>Every problem with <paramref name="shift"/>, named under <paramref name="path"/> (<c>shifts[2]</c>).</summary>
    public static IEnumerable<RosterProblem> Check(RosterShift? shift, string path)
    {
        if (shift is null)
        {
            yield return new(path, RosterRule.EmptyShift, "Empty shift.");
            yield break;
        }
        if (!IsPersonId(shift.PersonId))
        {
            yield return new($"{path}.personId", RosterRule.PersonId, $"A person id has 1 to {MaxPersonIdLength} letters, digits, '.', '_' or '-'.");
        }
        if (shift.Tier is < 1 or > MaxTier)
        {
            yield return new($"{path}.tier", RosterRule.Tier, $"The tier is a whole number from 1 (paged first) to {MaxTier}.");
        }
        if (shift.Start < Earliest || shift.Start >= Latest)
        {
            yield return new($"{path}.start", RosterRule.ImplausibleStart, "The start is not a plausible date.");
        }
        if (shift.End <= shift.Start)
        {
            yield return new($"{path}.end", RosterRule.EndBeforeStart, "The shift must end after it starts.");
        }
        else if (shift.End > shift.Start.Plus(MaxShiftLength))
        {
            yield return new($"{path}.end", RosterRule.ShiftTooLong, "A shift lasts at most 31 days.");
        }
    }

    public static bool IsPersonId(string? id) =>
        id is { Length: > 0 and <= MaxPersonIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>Team names are approver groups or <see cref="Teams.Operations"/>: lower-case words joined by dashes.</summary>
    public static bool IsTeamName(string? team) =>
        team is { Length: > 0 and <= MaxTeamLength } && char.IsAsciiLetterLower(team[0]) && team.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
