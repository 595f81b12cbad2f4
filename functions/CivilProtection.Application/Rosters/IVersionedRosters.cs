using CivilProtection.Domain.Rosters;

namespace CivilProtection.Application.Rosters;

/// <summary>
/// Rosters with the version that guards the next write, so two coordinators replacing the same roster at the
/// same moment cannot silently overwrite each other: the second write fails with <see cref="Requests.ConcurrentChangeException"/>.
/// </summary>
public interface IVersionedRosters
{
    Task<VersionedRoster?> FindVersionedAsync(string authorityId, string team, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="roster"/> if the stored one still has <paramref name="expectedVersion"/> (null: if none
    /// is stored yet); returns the new version, or throws <see cref="Requests.ConcurrentChangeException"/>.
    /// </summary>
    Task<string> ReplaceAsync(OnCallRoster roster, string? expectedVersion, CancellationToken cancellationToken);
}

/// <summary>A roster as read, with its version (the storage ETag).</summary>
public sealed record VersionedRoster(OnCallRoster Roster, string Version);

/// <summary>The mobile number already belongs to another person; nothing was changed.</summary>
public sealed class MobileNumberTakenException : Exception
{
    public MobileNumberTakenException(string message, string ownerPersonId) : base(message) => OwnerPersonId = ownerPersonId;

    public MobileNumberTakenException() => OwnerPersonId = "";

    public MobileNumberTakenException(string message) : base(message) => OwnerPersonId = "";

    public MobileNumberTakenException(string message, Exception innerException) : base(message, innerException) => OwnerPersonId = "";

    /// <summary>Who holds the number now.</summary>
    public string OwnerPersonId { get; }
}
