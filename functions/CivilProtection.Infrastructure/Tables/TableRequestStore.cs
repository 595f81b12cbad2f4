using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using CivilProtection.Application.Outbox;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Sms;
using CivilProtection.Domain.Dispatch;
using CivilProtection.Domain.Notices;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// Requests in Table Storage, one partition each: the <c>snapshot-…</c> row (guarded by its ETag), an
/// <c>event-NNNNNN-…</c> row per audit event and an <c>outbox-…</c> row per message to send. Every change
/// commits all three kinds in one entity-group transaction, so none is ever written without the others.
/// Every row key ends with (or contains) its request id: Azurite looks an entity up by row key before partition key,
/// so a key shared by every request (a bare <c>snapshot</c>) made each read and write scan all requests.
/// </summary>
public sealed class TableRequestStore(StateTables tables) : IRequestStore
{
    internal const string SnapshotPrefix = "snapshot-";
    internal const string EventPrefix = "event-";
    internal const string OutboxPrefix = "outbox-";
    internal const string NoticePrefix = "notice-";
    internal const string SmsPrefix = "sms-";
    internal const string DispatchPrefix = "dispatch-";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<LoadedRequest?> FindAsync(string requestId, CancellationToken cancellationToken)
    {
        if (!IsWellFormedId(requestId))
        {
            return null;
        }
        var response = await tables.Requests.GetEntityIfExistsAsync<TableEntity>(requestId, SnapshotKey(requestId), cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } entity)
        {
            return null;
        }
        var state = JsonSerializer.Deserialize<AssistanceRequestState>(entity.GetString("State"), Json)
            ?? throw new InvalidDataException($"The snapshot of request {requestId} is empty.");
        return new LoadedRequest(AssistanceRequest.Restore(state), entity.ETag.ToString());
    }

    public async Task<IReadOnlyList<AuditEvent>> ReadTimelineAsync(string requestId, CancellationToken cancellationToken)
    {
        var events = new List<(AuditEvent Event, string Key)>();
        await foreach (var entity in tables.Requests.QueryAsync<TableEntity>(TableKeys.RowKeyPrefixFilter(requestId, EventPrefix), cancellationToken: cancellationToken))
        {
            events.Add((JsonSerializer.Deserialize<AuditEvent>(entity.GetString("Event"), Json)!, entity.RowKey));
        }
        // Request transitions number their events; notices and dispatch add theirs without touching the snapshot,
        // so the timeline is ordered by time and numbered as read.
        return events.OrderBy(e => e.Event.At).ThenBy(e => e.Key, StringComparer.Ordinal)
            .Select((e, i) => e.Event with { Sequence = i + 1 }).ToList();
    }

    public Task<Versioned<NoticeState>?> FindNoticeAsync(string requestId, string noticeId, CancellationToken cancellationToken) =>
        FindRowAsync<NoticeState>(requestId, NoticeKey(requestId, noticeId), cancellationToken);

    public async Task<IReadOnlyList<Versioned<NoticeState>>> ListNoticesAsync(string requestId, CancellationToken cancellationToken)
    {
        var notices = new List<Versioned<NoticeState>>();
        await foreach (var e in tables.Requests.QueryAsync<TableEntity>(TableKeys.RowKeyPrefixFilter(requestId, NoticePrefix), cancellationToken: cancellationToken))
        {
            notices.Add(new(ChunkedJson.Read<NoticeState>(e, Json), e.ETag.ToString()));
        }
        return notices;
    }

    public Task<Versioned<DispatchState>?> FindDispatchAsync(string requestId, CancellationToken cancellationToken) =>
        FindRowAsync<DispatchState>(requestId, DispatchKey(requestId), cancellationToken);

    public Task<Versioned<SmsRecord>?> FindSmsAsync(string smsId, CancellationToken cancellationToken) =>
        SmsRecord.RequestIdOf(smsId) is { } requestId
            ? FindRowAsync<SmsRecord>(requestId, SmsRowKey(smsId), cancellationToken)
            : Task.FromResult<Versioned<SmsRecord>?>(null);

    public async Task<IReadOnlyList<OutboxRow>> CommitAsync(PartitionChange change, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        var rows = change.AllOutboxRows();
        if (change.Request is { } request)
        {
            actions.Add(new(TableTransactionActionType.UpdateReplace, Snapshot(request.Value.State), new ETag(request.ETag!)));
            actions.AddRange(EventActions(request.Value));
        }
        foreach (var notice in change.Notices)
        {
            actions.Add(Write(change.RequestId, NoticeKey(change.RequestId, notice.Value.NoticeId), notice.Value, notice.ETag, e => e["Status"] = notice.Value.Status.ToString()));
        }
        if (change.Dispatch is { } dispatch)
        {
            actions.Add(Write(change.RequestId, DispatchKey(change.RequestId), dispatch.Value, dispatch.ETag, _ => { }));
        }
        foreach (var sms in change.Sms)
        {
            actions.Add(Write(change.RequestId, SmsRowKey(sms.Value.SmsId), sms.Value, sms.ETag, e => e["Status"] = sms.Value.Status));
        }
        foreach (var (e, i) in change.Events.Select((e, i) => (e, i)))
        {
            // Unique without a counter, so writers of notices and dispatch never contend on the snapshot;
            // the position keeps the lines of one change in the order they were recorded.
            var key = $"{EventPrefix}z{e.At.UtcTicks:D19}-{i:D3}-{Guid.NewGuid():N}";
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(change.RequestId, key) { ["Event"] = JsonSerializer.Serialize(e, Json) }));
        }
        actions.AddRange(rows.Select(OutboxAction));
        if (actions.Count == 0)
        {
            return rows;
        }
        try
        {
            await tables.Requests.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new ConcurrentChangeException("Someone else changed this request at the same moment; try again.", ex);
        }
        return rows;
    }

    internal static string SmsRowKey(string smsId) => SmsPrefix + TableKeys.Safe(smsId);

    internal static string SnapshotKey(string requestId) => SnapshotPrefix + requestId;

    /// <summary>The row of one outbox message; the relay removes it by the same key.</summary>
    internal static string OutboxKey(string messageId) => OutboxPrefix + TableKeys.Safe(messageId);

    private static string NoticeKey(string requestId, string noticeId) => $"{NoticePrefix}{TableKeys.Safe(noticeId)}-{requestId}";

    private static string DispatchKey(string requestId) => DispatchPrefix + requestId;

    private async Task<Versioned<T>?> FindRowAsync<T>(string requestId, string rowKey, CancellationToken cancellationToken)
    {
        var response = await tables.Requests.GetEntityIfExistsAsync<TableEntity>(requestId, rowKey, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e ? new Versioned<T>(ChunkedJson.Read<T>(e, Json), e.ETag.ToString()) : null;
    }

    private static TableTransactionAction Write<T>(string partition, string rowKey, T value, string? etag, Action<TableEntity> columns)
    {
        var entity = new TableEntity(partition, rowKey);
        ChunkedJson.Write(entity, value, Json);
        columns(entity);
        return etag is null
            ? new TableTransactionAction(TableTransactionActionType.Add, entity)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, new ETag(etag));
    }

    public async Task<IReadOnlyList<OutboxRow>> CreateAsync(AssistanceRequest request, CancellationToken cancellationToken)
    {
        var rows = OutboxRouting.RowsOf(request);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, Snapshot(request.State)) };
        actions.AddRange(EventActions(request));
        actions.AddRange(rows.Select(OutboxAction));
        try
        {
            await tables.Requests.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            throw new RequestAlreadyExistsException($"Request {request.Id} already exists.", ex);
        }
        return rows;
    }

    public async Task SaveAsync(AssistanceRequest request, string etag, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, Snapshot(request.State), new ETag(etag)) };
        actions.AddRange(EventActions(request));
        actions.AddRange(OutboxRouting.RowsOf(request).Select(OutboxAction));
        try
        {
            await tables.Requests.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new ConcurrentChangeException("Someone else changed this request at the same moment; reload it and try again.", ex);
        }
    }

    internal static bool IsWellFormedId(string requestId) => requestId.Length == 32 && requestId.All(char.IsAsciiHexDigitLower);

    private static TableEntity Snapshot(AssistanceRequestState state) => new(state.Id, SnapshotKey(state.Id))
    {
        ["State"] = JsonSerializer.Serialize(state, Json),
        ["Reference"] = state.Reference,
        ["Status"] = WireNames.Of(state.Status),
        ["Version"] = state.Version,
    };

    private static IEnumerable<TableTransactionAction> EventActions(AssistanceRequest request) =>
        request.NewEvents.Select(e => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(request.Id, $"{EventPrefix}{e.Sequence:D6}-{request.Id}")
        {
            ["Event"] = JsonSerializer.Serialize(e, Json),
        }));

    private static TableTransactionAction OutboxAction(OutboxRow row) =>
        new(TableTransactionActionType.Add, new TableEntity(row.RequestId, OutboxKey(row.MessageId))
        {
            ["MessageId"] = row.MessageId,
            ["Queue"] = row.Queue,
            ["Subject"] = row.Subject,
            ["Body"] = row.Body,
            ["CorrelationId"] = row.CorrelationId,
            ["ScheduledFor"] = row.ScheduledFor,
            ["TraceParent"] = row.TraceParent,
        });
}
