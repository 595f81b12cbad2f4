using CivilProtection.Application.Repair;
using CivilProtection.Infrastructure.Tables;

namespace CivilProtection.Infrastructure.Tests;

public sealed class RepairTicketTests(TableFixture fixture) : IClassFixture<TableFixture>
{
    [Fact]
    public async Task Tickets_fall_due_oldest_first_at_most_a_batch_and_removing_one_twice_is_not_an_error()
    {
        var tickets = new TableRepairTickets(fixture.Tables);
        var at = new DateTimeOffset(2020, 1, 1, 8, 0, 0, TimeSpan.Zero);
        var id = $"r{Guid.NewGuid():N}";
        await tickets.AddAsync(
        [
            new RepairTicket(id, 3, [], at.AddMinutes(2)),
            new RepairTicket(id, 1, [new RequestedNotice(0, 1)], at),
            new RepairTicket(id, 2, [new RequestedNotice(null, 2), new RequestedNotice(1, 2)], at.AddMinutes(1)),
        ], CancellationToken.None);

        var due = (await tickets.ListAsync(at.AddMinutes(2), 5000, CancellationToken.None)).Where(t => t.RequestId == id).ToList();
        Assert.Equal([1, 2], due.Select(t => t.Version));
        Assert.Equal([new RequestedNotice(0, 1)], due[0].Notices);
        Assert.Equal([new RequestedNotice(null, 2), new RequestedNotice(1, 2)], due[1].Notices);
        Assert.Equal(at, due[0].PublishedAt);
        Assert.Single(await tickets.ListAsync(at.AddMinutes(2), 1, CancellationToken.None));

        await tickets.RemoveAsync([due[0]], CancellationToken.None);
        // One already gone, one not: the second is removed all the same.
        await tickets.RemoveAsync(due, CancellationToken.None);

        var left = (await tickets.ListAsync(at.AddMinutes(3), 5000, CancellationToken.None)).Where(t => t.RequestId == id).ToList();
        Assert.Equal([3], left.Select(t => t.Version));
    }
}
