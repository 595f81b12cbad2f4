using Azure;
using Azure.Data.Tables;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>The tables all state lives in. A prefix lets tests (and several environments) share one storage account.</summary>
public sealed class StateTables
{
    public StateTables(TableServiceClient service, string prefix)
    {
        Requests = service.GetTableClient(prefix + "Requests");
        Indexes = service.GetTableClient(prefix + "Indexes");
        Outbox = service.GetTableClient(prefix + "Outbox");
        Directory = service.GetTableClient(prefix + "Directory");
        Counters = service.GetTableClient(prefix + "Counters");
        Idempotency = service.GetTableClient(prefix + "Idempotency");
        People = service.GetTableClient(prefix + "People");
        Rosters = service.GetTableClient(prefix + "Rosters");
        Replies = service.GetTableClient(prefix + "Replies");
        Sandbox = service.GetTableClient(prefix + "SmsSandbox");
    }

    /// <summary>One partition per request: its snapshot, audit events and outbox rows, written together.</summary>
    public TableClient Requests { get; }

    /// <summary>Lists by authority and approver inboxes, fed from the outbox.</summary>
    public TableClient Indexes { get; }

    /// <summary>Markers of requests that may have unpublished outbox rows.</summary>
    public TableClient Outbox { get; }

    /// <summary>Authorities, people and approval routes.</summary>
    public TableClient Directory { get; }

    /// <summary>Reference-number counters, one row per year.</summary>
    public TableClient Counters { get; }

    /// <summary>Idempotency keys of submissions, one partition per person.</summary>
    public TableClient Idempotency { get; }

    /// <summary>People who are paged or dispatched (partition per authority) and the mobile-number index.</summary>
    public TableClient People { get; }

    /// <summary>On-call rosters, one row per authority and team.</summary>
    public TableClient Rosters { get; }

    /// <summary>What an SMS reply from a number may answer: open notices' codes and pending dispatch offers.</summary>
    public TableClient Replies { get; }

    /// <summary>The SMS sandbox's messages (Development only).</summary>
    public TableClient Sandbox { get; }

    public IEnumerable<TableClient> All => [Requests, Indexes, Outbox, Directory, Counters, Idempotency, People, Rosters, Replies, Sandbox];

    /// <summary>Creates the tables that do not exist yet; safe to call at every start.</summary>
    public async Task CreateIfMissingAsync(CancellationToken cancellationToken)
    {
        foreach (var table in All)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }
    }
}

/// <summary>Helpers for the keys and status codes of Table Storage.</summary>
internal static class TableKeys
{
    /// <summary>Keys may not hold '/', '\', '#', '?' or control characters; anything else passes unchanged.</summary>
    public static string Safe(string value)
    {
        Span<char> buffer = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            buffer[i] = c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c;
        }
        return new string(buffer);
    }

    /// <summary>An OData filter that keeps the row keys starting with <paramref name="prefix"/> ('-' + 1 is '.').</summary>
    public static string RowKeyPrefixFilter(string partitionKey, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {PrefixEnd(prefix)}");

    /// <summary>The first key after every key starting with <paramref name="prefix"/>.</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    public static bool IsConflict(RequestFailedException ex) => ex.Status is 409 or 412;

    /// <summary>
    /// Deletes rows of one partition (at most 100, a transaction's limit) in one round trip; when another writer removed
    /// some first, the transaction fails whole and the rest go one by one (deleting a missing row is not an error).
    /// </summary>
    public static async Task DeleteRowsAsync(TableClient table, string partitionKey, IReadOnlyCollection<string> rowKeys, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(
                rowKeys.Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, key), ETag.All)), cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            foreach (var key in rowKeys)
            {
                await table.DeleteEntityAsync(partitionKey, key, ETag.All, cancellationToken);
            }
        }
    }
}
