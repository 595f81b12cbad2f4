using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using CivilProtection.Application.Outbox;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// Requests in Table Storage, one partition each: the <c>snapshot</c> row (guarded by its ETag), an
/// <c>event-NNNNNN</c> row per audit event and an <c>outbox-…</c> row per message to send. Every change
/// commits all three kinds in one entity-group transaction, so none is ever written without the others.
/// </summary>
public sealed class TableRequestStore(StateTables tables) : IRequestStore
{
    internal const string SnapshotRow = "snapshot";
    internal const string EventPrefix = "event-";
    internal const string OutboxPrefix = "outbox-";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<LoadedRequest?> FindAsync(string requestId, CancellationToken cancellationToken)
    {
        if (!IsWellFormedId(requestId))
        {
            return null;
        }
        var response = await tables.Requests.GetEntityIfExistsAsync<TableEntity>(requestId, SnapshotRow, cancellationToken: cancellationToken);
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
        var events = new List<AuditEvent>();
        await foreach (var entity in tables.Requests.QueryAsync<TableEntity>(TableKeys.RowKeyPrefixFilter(requestId, EventPrefix), cancellationToken: cancellationToken))
        {
            events.Add(JsonSerializer.Deserialize<AuditEvent>(entity.GetString("Event"), Json)!);
        }
        return events;
    }

    public async Task CreateAsync(AssistanceRequest request, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, Snapshot(request.State)) };
        actions.AddRange(Additions(request));
        try
        {
            await tables.Requests.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            throw new RequestAlreadyExistsException($"Request {request.Id} already exists.", ex);
        }
    }

    public async Task SaveAsync(AssistanceRequest request, string etag, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, Snapshot(request.State), new ETag(etag)) };
        actions.AddRange(Additions(request));
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

    private static TableEntity Snapshot(AssistanceRequestState state) => new(state.Id, SnapshotRow)
    {
        ["State"] = JsonSerializer.Serialize(state, Json),
        ["Reference"] = state.Reference,
        ["Status"] = WireNames.Of(state.Status),
        ["Version"] = state.Version,
    };

    private static IEnumerable<TableTransactionAction> Additions(AssistanceRequest request)
    {
        foreach (var e in request.NewEvents)
        {
            yield return new(TableTransactionActionType.Add, new TableEntity(request.Id, $"{EventPrefix}{e.Sequence:D6}")
            {
                ["Event"] = JsonSerializer.Serialize(e, Json),
            });
        }
        foreach (var message in request.NewMessages)
        {
            var row = OutboxRouting.ToRow(message, request.State.CorrelationId);
            yield return new(TableTransactionActionType.Add, new TableEntity(request.Id, OutboxPrefix + TableKeys.Safe(row.MessageId))
            {
                ["MessageId"] = row.MessageId,
                ["Queue"] = row.Queue,
                ["Subject"] = row.Subject,
                ["Body"] = row.Body,
                ["CorrelationId"] = row.CorrelationId,
            });
        }
    }
}
