using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CivilProtection.Application.Repair;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// Repair tickets in the outbox table's <c>repair</c> partition, keyed <c>{publishedTicks}-{requestId}-v{version}-{nonce}</c>:
/// keys sort oldest first, so the repair reads only the range that fell due, however long the history.
/// </summary>
public sealed class TableRepairTickets(StateTables tables) : IRepairTickets
{
    private const string Partition = "repair";

    // A transaction holds at most 100 actions, all in one partition: here they are.
    private const int MaxTransactionActions = 100;

    public async Task AddAsync(IReadOnlyList<RepairTicket> tickets, CancellationToken cancellationToken)
    {
        foreach (var chunk in tickets.Chunk(MaxTransactionActions))
        {
            var actions = chunk.Select(ticket => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(ticket))).ToList();
            if (actions.Count == 1)
            {
                await tables.Outbox.AddEntityAsync((TableEntity)actions[0].Entity, cancellationToken);
            }
            else
            {
                await tables.Outbox.SubmitTransactionAsync(actions, cancellationToken);
            }
        }
    }

    public async Task<IReadOnlyList<RepairTicket>> ListAsync(DateTimeOffset publishedBefore, int max, CancellationToken cancellationToken)
    {
        var before = publishedBefore.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey lt {before}");
        var found = new List<RepairTicket>();
        await foreach (var entity in tables.Outbox.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            found.Add(FromEntity(entity));
            if (found.Count >= max)
            {
                break;
            }
        }
        return found;
    }

    public async Task RemoveAsync(IReadOnlyList<RepairTicket> tickets, CancellationToken cancellationToken)
    {
        var keys = tickets.Select(ticket => ticket.TicketId).OfType<string>().Distinct(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(MaxTransactionActions))
        {
            // Another instance's repair may have removed some first.
            await TableKeys.DeleteRowsAsync(tables.Outbox, Partition, chunk, cancellationToken);
        }
    }

    private static TableEntity ToEntity(RepairTicket ticket) =>
        new(Partition, $"{ticket.PublishedAt.UtcTicks:D19}-{ticket.RequestId}-v{ticket.Version}-{Guid.NewGuid():N}")
        {
            [RowFormat.Column] = RowFormat.Current,
            ["RequestId"] = ticket.RequestId,
            ["Version"] = ticket.Version,
            ["Notices"] = JsonSerializer.Serialize(ticket.Notices, TableRequestStore.Json),
            ["PublishedAt"] = ticket.PublishedAt,
        };

    private static RepairTicket FromEntity(TableEntity entity) => new(
        entity.GetString("RequestId"),
        entity.GetInt32("Version") ?? 0,
        JsonSerializer.Deserialize<List<RequestedNotice>>(entity.GetString("Notices") ?? "[]", TableRequestStore.Json) ?? [],
        entity.GetDateTimeOffset("PublishedAt") ?? DateTimeOffset.MinValue,
        entity.RowKey);
}
