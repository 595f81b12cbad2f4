namespace CivilProtection.Domain.Requests;

/// <summary>The person behind a transition, as recorded in the audit trail.</summary>
public sealed record Actor(string UserId, string DisplayName)
{
    /// <summary>
    /// The workflow itself (timers, escalation, the close once a mission is over): every stored timeline line it
    /// wrote names it <c>system</c>, and the pages show it as such.
    /// </summary>
    public static Actor System { get; } = new("system", "system");
}
