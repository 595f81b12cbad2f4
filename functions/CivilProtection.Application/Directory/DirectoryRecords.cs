using CivilProtection.Domain.Authorities;
using CivilProtection.Domain.Partnerships;

namespace CivilProtection.Application.Directory;

/// <summary>A directory row as read (generic over authorities, partnerships and users), with the version (the row's ETag) that guards the next write; null for a partnership still stored as a route.</summary>
public sealed record DirectoryRecord<T>(T Value, string? Version);

/// <summary>One change of the directory: who made it, when, to what, and the entity before and after (JSON).</summary>
/// <param name="Entity"><see cref="DirectoryEntities"/>.</param>
/// <param name="AuthorityIds">The authorities the change concerns: an authority's admins see these entries.</param>
public sealed record DirectoryAuditEntry(
    string Id, DateTimeOffset At, string ActorId, string ActorName, string Entity, string EntityId, string Action,
    IReadOnlyList<string> AuthorityIds, string? Before, string After);

/// <summary>The kinds of directory entity.</summary>
public static class DirectoryEntities
{
    public const string Authority = "authority";
    public const string Partnership = "partnership";
    public const string User = "user";
}

/// <summary>
/// The directory as its administration reads and writes it: versioned rows, each change written with its audit entry
/// in one transaction, refused with <see cref="Requests.ConcurrentChangeException"/> when the row changed since it was read.
/// </summary>
public interface IDirectoryRecords
{
    Task<IReadOnlyList<DirectoryRecord<Authority>>> ListAuthorityRecordsAsync(CancellationToken cancellationToken);

    Task<DirectoryRecord<Authority>?> GetAuthorityRecordAsync(string authorityId, CancellationToken cancellationToken);

    Task<IReadOnlyList<DirectoryRecord<Partnership>>> ListPartnershipRecordsAsync(CancellationToken cancellationToken);

    Task<DirectoryRecord<Partnership>?> GetPartnershipRecordAsync(string requestingAuthorityId, string assistingAuthorityId, CancellationToken cancellationToken);

    Task<IReadOnlyList<DirectoryRecord<DirectoryUser>>> ListUserRecordsAsync(CancellationToken cancellationToken);

    Task<DirectoryRecord<DirectoryUser>?> GetUserRecordAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Writes the authority and its audit entry together; <paramref name="expectedVersion"/> null means it must not exist yet. Returns the new version.</summary>
    Task<string> CommitAuthorityAsync(Authority authority, string? expectedVersion, DirectoryAuditEntry audit, CancellationToken cancellationToken);

    Task<string> CommitPartnershipAsync(Partnership partnership, string? expectedVersion, DirectoryAuditEntry audit, CancellationToken cancellationToken);

    Task<string> CommitUserAsync(DirectoryUser user, string? expectedVersion, DirectoryAuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Every audit entry, newest first.</summary>
    Task<IReadOnlyList<DirectoryAuditEntry>> ListAuditAsync(CancellationToken cancellationToken);
}
