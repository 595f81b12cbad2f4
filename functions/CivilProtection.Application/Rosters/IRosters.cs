using CivilProtection.Domain.Rosters;

namespace CivilProtection.Application.Rosters;

/// <summary>The on-call rosters, one per authority and team.</summary>
public interface IRosters
{
    Task<OnCallRoster?> FindAsync(string authorityId, string team, CancellationToken cancellationToken);

    Task<IReadOnlyList<OnCallRoster>> ListAsync(string authorityId, CancellationToken cancellationToken);

    Task SaveAsync(OnCallRoster roster, CancellationToken cancellationToken);
}
