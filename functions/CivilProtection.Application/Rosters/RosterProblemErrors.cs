using CivilProtection.Application.Problems;
using CivilProtection.Domain.Authorities;
using CivilProtection.Domain.Rosters;

namespace CivilProtection.Application.Rosters;

/// <summary>The field error a broken roster rule is answered with, so a roster refused by the domain reads like any other form.</summary>
public static class RosterProblemErrors
{
    public const string LocalTimeExample = "2026-03-29T08:00";

    public static FieldError Of(RosterProblem problem) => problem.Rule switch
    {
        RosterRule.NoAuthority => FieldError.Required,
        RosterRule.TeamName => FieldError.BadFormat("operations"),
        RosterRule.TimeZone => FieldError.UnknownTimeZone(TimeZoneData.Version),
        RosterRule.TooManyShifts => FieldError.TooMany(OnCallRoster.MaxShifts),
        RosterRule.EmptyShift => FieldError.EmptyEntry,
        RosterRule.PersonId => FieldError.BadFormat("salma.alaoui"),
        RosterRule.Tier => FieldError.OutOfRange(1, RosterRules.MaxTier),
        RosterRule.ImplausibleStart => FieldError.NotALocalTime(LocalTimeExample),
        RosterRule.EndBeforeStart => FieldError.MustFollow("start"),
        RosterRule.ShiftTooLong => FieldError.TooFarAhead(RosterRules.MaxShiftLength.Days),
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem.Rule, "A roster rule without a field error."),
    };
}
