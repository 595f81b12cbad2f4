namespace CivilProtection.Application.Repair;

/// <summary>
/// The tickets of changes whose messages the repair has yet to check. Only those are ever read, oldest first, so a
/// repair costs the same after years of history as on the first day.
/// </summary>
public interface IRepairTickets
{
    /// <summary>Keeps the tickets; adding the same change's ticket twice (a relay and a sweep both published it) only makes it checked twice.</summary>
    Task AddAsync(IReadOnlyList<RepairTicket> tickets, CancellationToken cancellationToken);

    /// <summary>Tickets published before <paramref name="publishedBefore"/>, oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<RepairTicket>> ListAsync(DateTimeOffset publishedBefore, int max, CancellationToken cancellationToken);

    /// <summary>Removes checked tickets; removing one already gone is not an error.</summary>
    Task RemoveAsync(IReadOnlyList<RepairTicket> tickets, CancellationToken cancellationToken);
}
