namespace CivilProtection.Application.Identity;

/// <summary>The signed-in person making a call, as the server knows them: their authority and roles come from the directory, never from the browser.</summary>
public sealed record Caller(string UserId, string DisplayName, string AuthorityId, IReadOnlyList<string> Roles, IReadOnlyList<string> ApproverGroups)
{
    public bool IsIn(string role) => Roles.Contains(role, StringComparer.Ordinal);

    public Domain.Requests.Actor AsActor() => new(UserId, DisplayName);
}

/// <summary>The roles people hold, as defined in the Entra app registration.</summary>
public static class Roles
{
    public const string DutyOfficer = "duty-officer";
    public const string Approver = "approver";
    public const string Coordinator = "coordinator";
    public const string Admin = "admin";

    /// <summary>Runs the platform: creates, edits and retires authorities and partnerships, and names admins of any authority.</summary>
    public const string PlatformAdmin = "platform-admin";

    public static IReadOnlyList<string> All { get; } = [DutyOfficer, Approver, Coordinator, Admin, PlatformAdmin];

    /// <summary>The roles a person holds within an authority (what an authority's admin may give).</summary>
    public static IReadOnlyList<string> OfAuthority { get; } = [DutyOfficer, Approver, Coordinator, Admin];
}
