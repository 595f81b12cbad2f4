using System.Collections.Concurrent;
using CivilProtection.Application.Repair;

namespace CivilProtection.Testing;

/// <summary>Repair tickets in memory, for tests that do not look at them through a table.</summary>
public sealed class MemoryRepairTickets : IRepairTickets
{
    private readonly ConcurrentDictionary<string, RepairTicket> _tickets = new(StringComparer.Ordinal);

    public IReadOnlyCollection<RepairTicket> All => [.. _tickets.Values];

    public Task AddAsync(IReadOnlyList<RepairTicket> tickets, CancellationToken cancellationToken)
    {
        foreach (var ticket in tickets)
        {
            var id = $"{ticket.PublishedAt.UtcTicks:D19}-{ticket.RequestId}-v{ticket.Version}-{Guid.NewGuid():N}";
            _tickets[id] = ticket with { TicketId = id };
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RepairTicket>> ListAsync(DateTimeOffset publishedBefore, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RepairTicket>>(
            [.. _tickets.Values.Where(t => t.PublishedAt < publishedBefore).OrderBy(t => t.TicketId, StringComparer.Ordinal).Take(max)]);

    public Task RemoveAsync(IReadOnlyList<RepairTicket> tickets, CancellationToken cancellationToken)
    {
        foreach (var ticket in tickets)
        {
            _tickets.TryRemove(ticket.TicketId ?? "", out _);
        }
        return Task.CompletedTask;
    }
}
