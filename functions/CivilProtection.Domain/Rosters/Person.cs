namespace CivilProtection.Domain.Rosters;

/// <summary>Someone the system pages or dispatches by SMS: an on-call officer or a responder.</summary>
/// <param name="Mobile">E.164 mobile number, e.g. <c>+33612345678</c>.</param>
/// <param name="Language">Preferred language of their SMS: <c>fr</c>, <c>en</c> or <c>ar</c>.</param>
/// <param name="Roles">duty-officer, approver, coordinator, admin, responder.</param>
/// <param name="Skills">For responders: the catalogue capabilities they can be dispatched for.</param>
public sealed record Person(
    string PersonId,
    string Name,
    string Mobile,
    string Language,
    string AuthorityId,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Skills)
{
    /// <summary>
    /// For responders: the roles they can hold in a module's team (<c>team-leader</c>, <c>pump-operator</c>…, from the
    /// catalogue), by which a commitment's composition is filled. Empty in rows stored before compositions.
    /// </summary>
    public IReadOnlyList<string> TeamRoles { get; init; } = [];
}

/// <summary>The teams that are paged: each approval stage's approver group, and each authority's operations duty desk.</summary>
public static class Teams
{
    /// <summary>The authority's operations duty desk, told when a request it will assist is approved.</summary>
    public const string Operations = "operations";
}

/// <summary>The role of people who can be dispatched.</summary>
public static class PersonRoles
{
    public const string Responder = "responder";
    public const string Admin = "admin";
}
