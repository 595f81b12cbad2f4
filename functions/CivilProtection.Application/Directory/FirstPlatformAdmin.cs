using System.Text.Json;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Requests;

namespace CivilProtection.Application.Directory;

/// <summary>
/// A fresh deployment's directory is empty: the first platform administrator, named by the deployment (their Entra
/// object id), is created at start-up when the directory does not know them yet, and left as they are when it does.
/// </summary>
public sealed class FirstPlatformAdmin(IDirectoryRecords records, TimeProvider clock)
{
    /// <summary>The configuration key both hosts read (app setting <c>CivilProtection__Directory__FirstPlatformAdmin</c>).</summary>
    public const string SettingKey = "CivilProtection:Directory:FirstPlatformAdmin";

    /// <summary>Who the audit trail says made the change.</summary>
    public const string DeploymentActor = "deployment";

    /// <summary>The user id a setting names (an Entra object id as Entra writes it, lower-case), or null when unset; a value that is no GUID is refused.</summary>
    public static string? UserIdOf(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return null;
        }
        return Guid.TryParse(setting.Trim(), out var objectId)
            ? objectId.ToString("D")
            : throw new InvalidOperationException($"{SettingKey} must be the Entra object id (a GUID) of the first platform administrator.");
    }

    /// <summary>Creates the platform administrator when absent; true when it wrote them.</summary>
    public async Task<bool> EnsureAsync(string userId, CancellationToken cancellationToken)
    {
        if (await records.GetUserRecordAsync(userId, cancellationToken) is not null)
        {
            return false;
        }
        var user = new DirectoryUser(userId, "Platform administrator", "", [Roles.PlatformAdmin], []);
        var audit = new DirectoryAuditEntry(Guid.NewGuid().ToString("N"), clock.GetUtcNow(), DeploymentActor, DeploymentActor,
            DirectoryEntities.User, userId, "create", [], null, JsonSerializer.Serialize(user, JsonSerializerOptions.Web));
        try
        {
            await records.CommitUserAsync(user, null, audit, cancellationToken);
            return true;
        }
        catch (ConcurrentChangeException)
        {
            // Another instance starting at the same moment created them first.
            return false;
        }
    }
}
