using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Capabilities;

/// <summary>Every authority's national resource types, each guarded by a version (the row's ETag).</summary>
public interface INationalTypeStore
{
    /// <summary>All of them, retired ones included (requests keep naming those).</summary>
    Task<IReadOnlyList<VersionedNationalType>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Stores the type if the stored one is still <paramref name="expectedVersion"/> (null: none stored yet); else <see cref="Requests.ConcurrentChangeException"/>.</summary>
    Task<string> SaveAsync(NationalType type, string? expectedVersion, CancellationToken cancellationToken);
}

/// <summary>A stored national type and the version that guards its next change.</summary>
public sealed record VersionedNationalType(NationalType Type, string Version);
