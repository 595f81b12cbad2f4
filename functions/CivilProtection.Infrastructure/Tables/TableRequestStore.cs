using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using CivilProtection.Application.Outbox;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Sms;
using CivilProtection.Domain.Costs;
using CivilProtection.Domain.Deployments;
using CivilProtection.Domain.Dispatch;
using CivilProtection.Domain.Notices;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// Requests in Table Storage, one partition each: the <c>snapshot-…</c> row (guarded by its ETag), an
/// <c>event-…</c> row and an <c>outbox-…</c> row per change, holding that change's audit events and messages to send.
/// Every change commits all three kinds in one entity-group transaction, so none is ever written without the others.
/// A row per change and not per line: Azurite's cost of a transaction grows with its rows, not with their size
/// (a filing's 6 rows took 1.5x a bare insert, its 3 rows 1.3x; docs/architecture.md).
/// Every row key ends with (or contains) its request id: Azurite looks an entity up by row key before partition key,
/// so a key shared by every request (a bare <c>snapshot</c>) made each read and write scan all requests.
/// </summary>
public sealed class TableRequestStore(
    StateTables tables, RequestSnapshotCache? recent = null, RecentRows<SmsRecord>? recentSms = null, RecentRows<NoticeState>? recentNotices = null) : IRequestStore
{
    internal const string SnapshotPrefix = "snapshot-";
    internal const string EventPrefix = "event-";
    internal const string OutboxPrefix = "outbox-";
    internal const string NoticePrefix = "notice-";
    internal const string SmsPrefix = "sms-";
    internal const string DispatchPrefix = "dispatch-";
    internal const string DeploymentPrefix = "deployment-";
    internal const string ClaimPrefix = "claim-";
    internal const string InboundPrefix = "inbound-";

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
        var json = RowFormat.Readable(entity).GetString("State") ?? ChunkedJson.ReadText(entity);
        var loaded = Loaded(requestId, json, entity.ETag.ToString());
        recent?.Remember(requestId, json, entity.ETag.ToString(), loaded.Request.State.Version);
        return loaded;
    }

    public async Task<LoadedRequest?> FindAsync(string requestId, int atLeastVersion, CancellationToken cancellationToken) =>
        recent?.Find(requestId, atLeastVersion) is { } kept
            ? Loaded(requestId, kept.Json, kept.ETag)
            : await FindAsync(requestId, cancellationToken);

    // Each caller gets its own request from the JSON: a domain object is changed in place by its transitions.
    private static LoadedRequest Loaded(string requestId, string json, string etag)
    {
        var state = JsonSerializer.Deserialize<AssistanceRequestState>(json, Json)
            ?? throw new InvalidDataException($"The snapshot of request {requestId} is empty.");
        return new LoadedRequest(AssistanceRequest.Restore(state), etag);
    }

    // After a write that carried the snapshot first: the tag the store gave it, so the next handler need not read it.
    private void RememberWritten(AssistanceRequestState state, Response<IReadOnlyList<Response>> written)
    {
        if (recent is not null && written.Value.Count > 0 && written.Value[0].Headers.ETag is { } etag)
        {
            recent.Remember(state.Id, JsonSerializer.Serialize(state, Json), etag.ToString(), state.Version);
        }
    }

    // The SMS records and notices a change wrote, with the tags the store gave them (its answers come in the order of
    // the actions), for their next writer to take instead of reading them back.
    private void RememberRows(List<(int Action, SmsRecord Sms)> sms, List<(int Action, NoticeState Notice)> notices, Response<IReadOnlyList<Response>> written)
    {
        string? TagOf(int action) => action < written.Value.Count ? written.Value[action].Headers.ETag?.ToString() : null;
        foreach (var (action, record) in sms)
        {
            if (recentSms is not null && TagOf(action) is { } etag)
            {
                recentSms.Remember(record.SmsId, record, etag);
            }
        }
        foreach (var (action, notice) in notices)
        {
            if (recentNotices is not null && TagOf(action) is { } etag)
            {
                recentNotices.Remember(NoticeKey(notice.RequestId, notice.NoticeId), notice, etag);
            }
        }
    }

    public async Task<IReadOnlyList<AuditEvent>> ReadTimelineAsync(string requestId, CancellationToken cancellationToken)
    {
        var events = new List<(AuditEvent Event, string Key)>();
        await foreach (var entity in tables.Requests.QueryAsync<TableEntity>(TableKeys.RowKeyPrefixFilter(requestId, EventPrefix), cancellationToken: cancellationToken))
        {
            events.AddRange(EventsOf(entity).Select(e => (e, entity.RowKey)));
        }
        // Request transitions number their events; notices and dispatch add theirs without touching the snapshot,
        // so the timeline is ordered by time and numbered as read. The sort is stable: one change's lines keep their order.
        return events.OrderBy(e => e.Event.At).ThenBy(e => e.Key, StringComparer.Ordinal)
            .Select((e, i) => e.Event with { Sequence = i + 1 }).ToList();
    }

    public Task<Versioned<NoticeState>?> FindNoticeAsync(string requestId, string noticeId, CancellationToken cancellationToken) =>
        FindRowAsync<NoticeState>(requestId, NoticeKey(requestId, noticeId), cancellationToken);

    public Task<IReadOnlyList<Versioned<NoticeState>>> ListNoticesAsync(string requestId, CancellationToken cancellationToken) =>
        ListRowsAsync<NoticeState>(requestId, NoticePrefix, cancellationToken);

    public Task<Versioned<DeploymentState>?> FindDeploymentAsync(string requestId, string authorityId, CancellationToken cancellationToken) =>
        FindRowAsync<DeploymentState>(requestId, DeploymentKey(requestId, authorityId), cancellationToken);

    public Task<IReadOnlyList<Versioned<DeploymentState>>> ListDeploymentsAsync(string requestId, CancellationToken cancellationToken) =>
        ListRowsAsync<DeploymentState>(requestId, DeploymentPrefix, cancellationToken);

    public Task<Versioned<ClaimState>?> FindClaimAsync(string requestId, string authorityId, CancellationToken cancellationToken) =>
        FindRowAsync<ClaimState>(requestId, ClaimKey(requestId, authorityId), cancellationToken);

    public Task<IReadOnlyList<Versioned<ClaimState>>> ListClaimsAsync(string requestId, CancellationToken cancellationToken) =>
        ListRowsAsync<ClaimState>(requestId, ClaimPrefix, cancellationToken);

    // Across requests: the claim rows' party columns say whose they are, so only the caller's are read.
    public async Task<IReadOnlyList<ClaimState>> ListClaimsOfPartyAsync(string authorityId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {ClaimPrefix} and RowKey lt {TableKeys.PrefixEnd(ClaimPrefix)} and (Claimant eq {authorityId} or Requester eq {authorityId})");
        var claims = new List<ClaimState>();
        await foreach (var e in tables.Requests.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            claims.Add(ChunkedJson.Read<ClaimState>(e, Json));
        }
        return claims;
    }

    public Task<Versioned<DispatchState>?> FindDispatchAsync(string requestId, string? authorityId, CancellationToken cancellationToken) =>
        FindRowAsync<DispatchState>(requestId, DispatchKey(requestId, authorityId), cancellationToken);

    public Task<Versioned<SmsRecord>?> FindSmsAsync(string smsId, CancellationToken cancellationToken) =>
        SmsRecord.RequestIdOf(smsId) is { } requestId
            ? FindRowAsync<SmsRecord>(requestId, SmsRowKey(smsId), cancellationToken)
            : Task.FromResult<Versioned<SmsRecord>?>(null);

    public Versioned<SmsRecord>? TakeRecentSms(string smsId) => recentSms?.Take(smsId);

    public Versioned<NoticeState>? TakeRecentNotice(string requestId, string noticeId) => recentNotices?.Take(NoticeKey(requestId, noticeId));

    public async Task<string> SaveSmsAsync(Versioned<SmsRecord> sms, CancellationToken cancellationToken)
    {
        var etag = sms.ETag ?? throw new ArgumentException("Only an SMS record read with its tag is saved alone; a new one commits with its change.", nameof(sms));
        var requestId = SmsRecord.RequestIdOf(sms.Value.SmsId) ?? throw new ArgumentException($"{sms.Value.SmsId} is not an SMS id.", nameof(sms));
        try
        {
            var written = await tables.Requests.UpdateEntityAsync(SmsRow(requestId, sms.Value), new ETag(etag), TableUpdateMode.Replace, cancellationToken);
            return written.Headers.ETag?.ToString() ?? throw new InvalidDataException($"Table Storage gave no tag for SMS {sms.Value.SmsId}.");
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            throw new ConcurrentChangeException("Someone else changed this SMS at the same moment; try again.", ex);
        }
    }

    public async Task<AppliedReply?> FindAppliedReplyAsync(string requestId, string messageSid, CancellationToken cancellationToken) =>
        IsWellFormedId(requestId) ? (await FindRowAsync<AppliedReply>(requestId, AppliedReplyKey(requestId, messageSid), cancellationToken))?.Value : null;

    public async Task<IReadOnlyList<OutboxRow>> CommitAsync(PartitionChange change, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        var rows = change.AllOutboxRows();
        if (change.Request is { } request)
        {
            actions.Add(new(TableTransactionActionType.UpdateReplace, Snapshot(request.Value.State), new ETag(request.ETag!)));
            actions.AddRange(EventActions(request.Value));
        }
        var notices = new List<(int Action, NoticeState Notice)>();
        foreach (var notice in change.Notices)
        {
            notices.Add((actions.Count, notice.Value));
            actions.Add(Write(change.RequestId, NoticeKey(change.RequestId, notice.Value.NoticeId), notice.Value, notice.ETag, e => e["Status"] = notice.Value.Status.ToString()));
        }
        if (change.Dispatch is { } dispatch)
        {
            actions.Add(Write(change.RequestId, DispatchKey(change.RequestId, dispatch.Value.AuthorityId), dispatch.Value, dispatch.ETag, _ => { }));
        }
        if (change.Deployment is { } deployment)
        {
            actions.Add(Write(change.RequestId, DeploymentKey(change.RequestId, deployment.Value.AuthorityId), deployment.Value, deployment.ETag,
                e => e["Status"] = WireNames.Of(deployment.Value.Status)));
        }
        if (change.Claim is { } claim)
        {
            actions.Add(Write(change.RequestId, ClaimKey(change.RequestId, claim.Value.AuthorityId), claim.Value, claim.ETag, e =>
            {
                e["Status"] = WireNames.Of(claim.Value.Status);
                e["Claimant"] = claim.Value.AuthorityId;
                e["Requester"] = claim.Value.RequestingAuthorityId;
            }));
        }
        var sms = new List<(int Action, SmsRecord Sms)>();
        foreach (var record in change.Sms)
        {
            sms.Add((actions.Count, record.Value));
            actions.Add(AddOrReplace(SmsRow(change.RequestId, record.Value), record.ETag));
        }
        if (change.Reply is { } reply)
        {
            // Added, never replaced: a second commit of the same message fails as a concurrent change.
            actions.Add(Write(change.RequestId, AppliedReplyKey(change.RequestId, reply.MessageSid), reply, null, e => e["Outcome"] = reply.Outcome.ToString()));
        }
        if (change.Events.Count > 0)
        {
            // Unique without a counter, so writers of notices and dispatch never contend on the snapshot.
            actions.Add(EventsAction(change.RequestId, $"{EventPrefix}z{change.Events[0].At.UtcTicks:D19}-{Guid.NewGuid():N}", change.Events));
        }
        rows = AddOutbox(actions, change.RequestId, rows);
        if (actions.Count == 0)
        {
            return rows;
        }
        try
        {
            var written = await tables.Requests.SubmitTransactionAsync(actions, cancellationToken);
            if (change.Request is { } changed)
            {
                RememberWritten(changed.Value.State, written);
            }
            RememberRows(sms, notices, written);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            recent?.Forget(change.RequestId);
            throw new ConcurrentChangeException("Someone else changed this request at the same moment; try again.", ex);
        }
        return rows;
    }

    internal static string SmsRowKey(string smsId) => SmsPrefix + TableKeys.Safe(smsId);

    // Written the same way in a change's transaction and alone (SaveSmsAsync).
    private static TableEntity SmsRow(string partition, SmsRecord sms) => Row(partition, SmsRowKey(sms.SmsId), sms, e => e["Status"] = WireNames.Of(sms.Status));

    public static string SnapshotKey(string requestId) => SnapshotPrefix + requestId;

    /// <summary>The row of one outbox message; the relay removes it by the same key.</summary>
    internal static string OutboxKey(string messageId) => OutboxPrefix + TableKeys.Safe(messageId);

    private static string NoticeKey(string requestId, string noticeId) => $"{NoticePrefix}{TableKeys.Safe(noticeId)}-{requestId}";

    private static string DeploymentKey(string requestId, string authorityId) => $"{DeploymentPrefix}{requestId}-{authorityId}";

    private static string ClaimKey(string requestId, string authorityId) => $"{ClaimPrefix}{requestId}-{authorityId}";

    private async Task<IReadOnlyList<Versioned<T>>> ListRowsAsync<T>(string requestId, string prefix, CancellationToken cancellationToken)
    {
        var rows = new List<Versioned<T>>();
        await foreach (var e in tables.Requests.QueryAsync<TableEntity>(TableKeys.RowKeyPrefixFilter(requestId, prefix), cancellationToken: cancellationToken))
        {
            rows.Add(new(ChunkedJson.Read<T>(e, Json), e.ETag.ToString()));
        }
        return rows;
    }

    // A two-sided route's dispatch keeps the key every stored row has; each partner's dispatch on a request to
    // partners has its own row, so partners never contend for one ETag.
    private static string DispatchKey(string requestId, string? authorityId) =>
        authorityId is null ? DispatchPrefix + requestId : $"{DispatchPrefix}{requestId}-{authorityId}";

    private static string AppliedReplyKey(string requestId, string messageSid) => $"{InboundPrefix}{TableKeys.Safe(messageSid)}-{requestId}";

    private async Task<Versioned<T>?> FindRowAsync<T>(string requestId, string rowKey, CancellationToken cancellationToken)
    {
        var response = await tables.Requests.GetEntityIfExistsAsync<TableEntity>(requestId, rowKey, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e ? new Versioned<T>(ChunkedJson.Read<T>(e, Json), e.ETag.ToString()) : null;
    }

    private static TableTransactionAction Write<T>(string partition, string rowKey, T value, string? etag, Action<TableEntity> columns) =>
        AddOrReplace(Row(partition, rowKey, value, columns), etag);

    // A new row is added (failing if it exists); a row read with its tag is replaced only if unchanged since.
    private static TableTransactionAction AddOrReplace(TableEntity entity, string? etag) =>
        etag is null
            ? new TableTransactionAction(TableTransactionActionType.Add, entity)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, new ETag(etag));

    private static TableEntity Row<T>(string partition, string rowKey, T value, Action<TableEntity> columns)
    {
        var entity = RowFormat.New(partition, rowKey);
        ChunkedJson.Write(entity, value, Json);
        columns(entity);
        return entity;
    }

    public async Task<IReadOnlyList<OutboxRow>> CreateAsync(AssistanceRequest request, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, Snapshot(request.State)) };
        actions.AddRange(EventActions(request));
        var rows = AddOutbox(actions, request.Id, OutboxRouting.RowsOf(request));
        try
        {
            RememberWritten(request.State, await tables.Requests.SubmitTransactionAsync(actions, cancellationToken));
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
        AddOutbox(actions, request.Id, OutboxRouting.RowsOf(request));
        try
        {
            RememberWritten(request.State, await tables.Requests.SubmitTransactionAsync(actions, cancellationToken));
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            recent?.Forget(request.Id);
            throw new ConcurrentChangeException("Someone else changed this request at the same moment; reload it and try again.", ex);
        }
    }

    internal static bool IsWellFormedId(string requestId) => requestId.Length == 32 && requestId.All(char.IsAsciiHexDigitLower);

    // A snapshot that fits one property stays in "State", as every row stored before; a larger one (a request to
    // dozens of partners, each with offers) is split as other large rows are, since a property holds at most 64 KiB.
    internal static TableEntity Snapshot(AssistanceRequestState state)
    {
        var entity = new TableEntity(state.Id, SnapshotKey(state.Id))
        {
            [RowFormat.Column] = RowFormat.Current,
            ["Reference"] = state.Reference,
            ["Status"] = WireNames.Of(state.Status),
            ["Version"] = state.Version,
        };
        var json = JsonSerializer.Serialize(state, Json);
        if (json.Length <= ChunkedJson.ChunkLength)
        {
            entity["State"] = json;
        }
        else
        {
            ChunkedJson.WriteText(entity, json);
        }
        return entity;
    }

    internal static IEnumerable<TableTransactionAction> EventActions(AssistanceRequest request) =>
        request.NewEvents.Count == 0 ? [] : [EventsAction(request.Id, $"{EventPrefix}{request.NewEvents[0].Sequence:D6}-{request.Id}", request.NewEvents)];

    private static TableTransactionAction EventsAction(string requestId, string rowKey, IReadOnlyList<AuditEvent> events)
    {
        var entity = RowFormat.New(requestId, rowKey);
        ChunkedJson.Write(entity, events, Json);
        return new(TableTransactionActionType.Add, entity);
    }

    // Rows written before events were stored a change per row held one event each.
    private static IEnumerable<AuditEvent> EventsOf(TableEntity entity) => entity.GetString("Event") is { } single
        ? [JsonSerializer.Deserialize<AuditEvent>(single, Json)!]
        : ChunkedJson.Read<List<AuditEvent>>(entity, Json);

    /// <summary>Adds the change's outbox entry, one row for all its messages; returns them as stored in it.</summary>
    private static IReadOnlyList<OutboxRow> AddOutbox(List<TableTransactionAction> actions, string requestId, IReadOnlyList<OutboxRow> rows)
    {
        if (rows.Count == 0)
        {
            return rows;
        }
        // The first message's id is unique, so it names the entry.
        var entry = OutboxKey(rows[0].MessageId);
        var entity = RowFormat.New(requestId, entry);
        ChunkedJson.Write(entity, rows.Select(StoredMessage.Of).ToList(), Json);
        actions.Add(new(TableTransactionActionType.Add, entity));
        return rows.Select(r => r with { Entry = entry }).ToList();
    }
}

/// <summary>A message as its outbox entry stores it (the partition is the request).</summary>
internal sealed record StoredMessage(
    string MessageId, string Queue, string Subject, string Body, string CorrelationId, DateTimeOffset? ScheduledFor, string? TraceParent)
{
    public static StoredMessage Of(OutboxRow row) => new(row.MessageId, row.Queue, row.Subject, row.Body, row.CorrelationId, row.ScheduledFor, row.TraceParent);

    public OutboxRow In(string requestId, string entry) => new(requestId, MessageId, Queue, Subject, Body, CorrelationId, ScheduledFor, TraceParent) { Entry = entry };
}
