namespace CivilProtection.Application.Rosters;

/// <summary>The body of <c>PUT /api/people/{personId}</c>, as posted (every field may be missing or wrong).</summary>
public sealed class PersonForm
{
    public string? Name { get; set; }

    /// <summary>E.164, e.g. <c>+212612345678</c>.</summary>
    public string? Mobile { get; set; }

    /// <summary><c>fr</c>, <c>en</c> or <c>ar</c>.</summary>
    public string? Language { get; set; }

    /// <summary>Optional; when given it must be the caller's own authority.</summary>
    public string? AuthorityId { get; set; }

    public List<string>? Roles { get; set; }

    public List<string>? Skills { get; set; }

    /// <summary>For responders: the roles they hold in a module's team (<c>team-leader</c>, <c>pump-operator</c>…).</summary>
    public List<string>? TeamRoles { get; set; }
}

/// <summary>The body of <c>PUT /api/rosters/{team}</c>: every shift of the roster, replacing the stored ones.</summary>
public sealed class RosterForm
{
    /// <summary>Optional: the version the editor started from; a roster changed since is refused (409).</summary>
    public string? Version { get; set; }

    public List<ShiftForm>? Shifts { get; set; }
}

/// <summary>One shift as posted: start and end in the authority's local time, without offset (<c>2026-03-29T20:00</c>).</summary>
public sealed class ShiftForm
{
    public string? PersonId { get; set; }
    public int? Tier { get; set; }
    public string? Start { get; set; }
    public string? End { get; set; }
}
