using Azure;
using Azure.Data.Tables;
using CivilProtection.Application.Sms;
using CivilProtection.Infrastructure.Tables;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>
/// The sandbox's messages in the <c>SmsSandbox</c> table: one partition per phone number (row key = time + id, so a
/// partition reads in order), partition <c>threads</c> with one row per number for the list of threads, and partition
/// <c>optouts</c> with the numbers that replied STOP, as Twilio keeps them.
/// </summary>
public sealed class SandboxStore(StateTables tables)
{
    private const string ThreadsPartition = "threads";
    private const string OptOutsPartition = "optouts";

    /// <summary>Twilio's own opt-out list: a number that replied STOP is refused (21610) until it replies START.</summary>
    public async Task SetOptedOutAsync(string phone, bool optedOut, CancellationToken cancellationToken)
    {
        if (optedOut)
        {
            await Table.UpsertEntityAsync(new TableEntity(OptOutsPartition, TableKeys.Safe(phone)) { [RowFormat.Column] = RowFormat.Current, ["Phone"] = phone }, TableUpdateMode.Replace, cancellationToken);
        }
        else
        {
            await Table.DeleteEntityAsync(OptOutsPartition, TableKeys.Safe(phone), ETag.All, cancellationToken);
        }
    }

    public async Task<bool> IsOptedOutAsync(string phone, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(OptOutsPartition, TableKeys.Safe(phone), select: ["Phone"], cancellationToken: cancellationToken)).HasValue;

    private TableClient Table => tables.Sandbox;

    /// <summary>Records a message; returns its row key, to update its status later.</summary>
    public async Task<string> AddAsync(string phone, SandboxMessage message, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Safe(phone);
        var rowKey = $"{message.At.UtcTicks:D19}-{message.Id}";
        await Table.AddEntityAsync(new TableEntity(partition, rowKey)
        {
            [RowFormat.Column] = RowFormat.Current,
            ["MessageId"] = message.Id,
            ["Direction"] = message.Direction,
            ["Body"] = message.Body,
            ["At"] = message.At,
            ["Status"] = message.Status,
        }, cancellationToken);
        await Table.UpsertEntityAsync(new TableEntity(ThreadsPartition, partition)
        {
            [RowFormat.Column] = RowFormat.Current,
            ["Phone"] = phone,
            ["LastMessageAt"] = message.At,
            ["LastBody"] = message.Body,
            ["LastDirection"] = message.Direction,
        }, TableUpdateMode.Replace, cancellationToken);
        return rowKey;
    }

    public async Task SetStatusAsync(string phone, string rowKey, string status, CancellationToken cancellationToken)
    {
        try
        {
            await Table.UpdateEntityAsync(new TableEntity(TableKeys.Safe(phone), rowKey) { ["Status"] = status }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The thread was cleared meanwhile; nothing to update.
        }
    }

    public async Task<IReadOnlyList<SandboxThread>> ListThreadsAsync(CancellationToken cancellationToken)
    {
        var threads = new List<SandboxThread>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ThreadsPartition}"), cancellationToken: cancellationToken))
        {
            threads.Add(new SandboxThread(
                row.GetString("Phone") ?? row.RowKey,
                row.GetDateTimeOffset("LastMessageAt") ?? DateTimeOffset.MinValue,
                row.GetString("LastBody") ?? "",
                row.GetString("LastDirection") ?? SandboxDirections.Outbound));
        }
        return [.. threads.OrderByDescending(t => t.LastMessageAt)];
    }

    public async Task<IReadOnlyList<SandboxMessage>> ListMessagesAsync(string phone, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Safe(phone);
        if (partition is ThreadsPartition or OptOutsPartition)
        {
            return [];
        }
        var messages = new List<SandboxMessage>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
        {
            messages.Add(new SandboxMessage(
                row.GetString("MessageId") ?? row.RowKey,
                row.GetString("Direction") ?? SandboxDirections.Outbound,
                row.GetString("Body") ?? "",
                row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
                row.GetString("Status") ?? ""));
        }
        return messages;
    }
}
