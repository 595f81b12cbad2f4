namespace CivilProtection.Application.Directory;

/// <summary>A person known to the system: their authority, roles and approver groups are assigned by admins.</summary>
public sealed record DirectoryUser(string UserId, string DisplayName, string AuthorityId, IReadOnlyList<string> Roles, IReadOnlyList<string> ApproverGroups)
{
    public Identity.Caller AsCaller() => new(UserId, DisplayName, AuthorityId, Roles, ApproverGroups);
}
