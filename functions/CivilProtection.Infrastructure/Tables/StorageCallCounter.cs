using System.Collections.Concurrent;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>What a call to Table Storage is, as the bill sees it: each one is a transaction, a batch counts once.</summary>
public enum StorageCallKind
{
    PointRead,
    Query,
    Write,
    Transaction,
    Delete,
    Other,
}

/// <summary>
/// The storage calls and queue messages a process made, by table and kind, since it started: filled by
/// <see cref="StorageCallCounter"/> and <see cref="Messaging.CountingTransport"/> only when
/// <c>CivilProtection:CountCalls</c> is on (the benchmark's costs section reads them).
/// </summary>
public sealed class CallCounts
{
    private readonly ConcurrentDictionary<(string Table, StorageCallKind Kind), int> _storage = new();
    private readonly ConcurrentDictionary<string, int> _messages = new(StringComparer.Ordinal);

    public void CountStorage(string table, StorageCallKind kind) => _storage.AddOrUpdate((table, kind), 1, (_, n) => n + 1);

    /// <summary>Counts one queue operation: <c>send</c>, <c>receive</c> (per message received), <c>complete</c>, <c>abandon</c>, <c>dead-letter</c>.</summary>
    public void CountMessages(string operation, int count = 1)
    {
        if (count > 0)
        {
            _messages.AddOrUpdate(operation, count, (_, n) => n + count);
        }
    }

    /// <summary>The counts so far: storage calls by table (prefix removed) then kind, queue operations by name.</summary>
    public CallCountsSnapshot Snapshot(string tablePrefix = "") => new(
        _storage.GroupBy(c => c.Key.Table.StartsWith(tablePrefix, StringComparison.Ordinal) ? c.Key.Table[tablePrefix.Length..] : c.Key.Table, StringComparer.Ordinal)
            .ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, int>)t.GroupBy(c => Name(c.Key.Kind)).ToDictionary(k => k.Key, k => k.Sum(c => c.Value)), StringComparer.Ordinal),
        new Dictionary<string, int>(_messages, StringComparer.Ordinal));

    /// <summary>The kind as the snapshot names it (kebab case).</summary>
    public static string Name(StorageCallKind kind) => kind switch
    {
        StorageCallKind.PointRead => "point-read",
        _ => kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>Storage calls by table and kind, queue operations by name.</summary>
public sealed record CallCountsSnapshot(IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Storage, IReadOnlyDictionary<string, int> Messages);

/// <summary>
/// Counts each attempt a table client puts on the wire (a retry is billed again), by table and kind. Added to the
/// client's pipeline only when counting is on, so it costs nothing otherwise.
/// </summary>
public sealed class StorageCallCounter(CallCounts counts) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var (table, kind) = Classify(message.Request.Method, message.Request.Uri.ToUri());
        if (kind == StorageCallKind.Transaction && BatchTable(message.Request.Content) is { } batched)
        {
            table = batched;
        }
        counts.CountStorage(table, kind);
    }

    /// <summary>
    /// The table and kind of a call from its method and address: <c>…/{table}(PartitionKey='…',RowKey='…')</c> is one
    /// entity, <c>…/{table}()</c> or <c>…/{table}</c> the table, <c>…/$batch</c> a transaction, <c>…/Tables…</c> the
    /// table service itself (creating or listing tables). Azurite puts the account first in the path, Azure in the host.
    /// </summary>
    public static (string Table, StorageCallKind Kind) Classify(RequestMethod method, Uri uri)
    {
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        var keyAt = path.IndexOf('(', StringComparison.Ordinal);
        var beforeKey = keyAt < 0 ? path : path[..keyAt];
        var table = beforeKey[(beforeKey.LastIndexOf('/') + 1)..];
        var entity = keyAt >= 0 && path.AsSpan(keyAt).StartsWith("(PartitionKey=", StringComparison.Ordinal);
        if (table == "$batch")
        {
            return (table, method == RequestMethod.Post ? StorageCallKind.Transaction : StorageCallKind.Other);
        }
        if (table == "Tables" || table.Length == 0)
        {
            return ("Tables", StorageCallKind.Other);
        }
        var kind = method.Method switch
        {
            "GET" => entity ? StorageCallKind.PointRead : StorageCallKind.Query,
            "POST" when !entity => StorageCallKind.Write,
            "PUT" or "PATCH" or "MERGE" when entity => StorageCallKind.Write,
            "DELETE" when entity => StorageCallKind.Delete,
            _ => StorageCallKind.Other,
        };
        return (table, kind);
    }

    // A transaction names its table in each operation of its body (`POST http://…/{table} HTTP/1.1`): the first one tells.
    private static string? BatchTable(RequestContent? content)
    {
        if (content is null)
        {
            return null;
        }
        using var body = new MemoryStream();
        content.WriteTo(body, CancellationToken.None);
        var text = Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
        foreach (var line in text.Split('\n'))
        {
            var parts = line.TrimEnd('\r').Split(' ');
            if (parts is [_, var address, var version] && version.StartsWith("HTTP/", StringComparison.Ordinal) && Uri.TryCreate(address, UriKind.Absolute, out var uri))
            {
                return Classify(RequestMethod.Get, uri).Table;
            }
        }
        return null;
    }
}
