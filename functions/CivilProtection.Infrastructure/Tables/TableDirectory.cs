using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CivilProtection.Application.Directory;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Approvals;
using CivilProtection.Domain.Authorities;
using CivilProtection.Domain.Partnerships;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// Authorities, people, partnerships and routes in Table Storage (partitions <c>authority</c>, <c>user</c>, <c>partnership</c>, <c>route</c>), read
/// through a short cache: they change rarely and are read on every call. Each administered change is one transaction in
/// its row's partition: the row (guarded by its ETag) and an audit row <c>~audit-{inverted ticks}-{id}</c> beside it.
/// </summary>
public sealed class TableDirectory(StateTables tables, TimeProvider clock) : IDirectory, IDirectoryRecords
{
    /// <summary>Audit rows sort after every entity row ('~' follows letters and digits), so a list of entities stops before them.</summary>
    private const string AuditPrefix = "~audit-";

    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, object? Value)> _cache = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<Authority>> ListAuthoritiesAsync(CancellationToken cancellationToken) => ListAsync<Authority>("authority", cancellationToken);

    public Task<Authority?> FindAuthorityAsync(string authorityId, CancellationToken cancellationToken) => FindAsync<Authority>("authority", authorityId, cancellationToken);

    /// <summary>The two-sided route of the partnership (a stored route when no partnership replaced it).</summary>
    public async Task<ApprovalRoute?> FindRouteAsync(string requestingAuthorityId, string assistingAuthorityId, CancellationToken cancellationToken) =>
        (await FindPartnershipAsync(requestingAuthorityId, assistingAuthorityId, cancellationToken))?.AsRoute();

    public async Task<Partnership?> FindPartnershipAsync(string requestingAuthorityId, string assistingAuthorityId, CancellationToken cancellationToken)
    {
        var key = ApprovalRoute.KeyOf(requestingAuthorityId, assistingAuthorityId);
        return await FindAsync<Partnership>("partnership", key, cancellationToken)
            ?? (await FindAsync<ApprovalRoute>("route", key, cancellationToken) is { } route ? Partnership.FromRoute(route) : null);
    }

    public async Task<IReadOnlyList<Partnership>> ListPartnershipsAsync(CancellationToken cancellationToken)
    {
        var stored = await ListAsync<Partnership>("partnership", cancellationToken);
        var keys = stored.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        // A route stored before partnerships existed counts until a partnership between the same pair replaces it.
        var legacy = (await ListAsync<ApprovalRoute>("route", cancellationToken)).Where(r => !keys.Contains(r.Key)).Select(Partnership.FromRoute);
        return [.. stored, .. legacy];
    }

    public Task<DirectoryUser?> FindUserAsync(string userId, CancellationToken cancellationToken) => FindAsync<DirectoryUser>("user", userId, cancellationToken);

    public Task<IReadOnlyList<DirectoryUser>> ListUsersAsync(CancellationToken cancellationToken) => ListAsync<DirectoryUser>("user", cancellationToken);

    public Task SaveAuthorityAsync(Authority authority, CancellationToken cancellationToken) => SaveAsync("authority", authority.Id, authority, cancellationToken);

    public Task SaveRouteAsync(ApprovalRoute route, CancellationToken cancellationToken) => SaveAsync("route", route.Key, route, cancellationToken);

    public Task SavePartnershipAsync(Partnership partnership, CancellationToken cancellationToken) =>
        SaveAsync("partnership", partnership.Key, partnership, cancellationToken);

    public Task SaveUserAsync(DirectoryUser user, CancellationToken cancellationToken) => SaveAsync("user", user.UserId, user, cancellationToken);

    private async Task<T?> FindAsync<T>(string kind, string id, CancellationToken cancellationToken) where T : class
    {
        var key = $"{kind}|{id}";
        if (_cache.TryGetValue(key, out var cached) && cached.Until > clock.GetUtcNow())
        {
            return (T?)cached.Value;
        }
        var response = await tables.Directory.GetEntityIfExistsAsync<TableEntity>(kind, TableKeys.Safe(id), cancellationToken: cancellationToken);
        var value = response.HasValue && response.Value is { } entity ? JsonSerializer.Deserialize<T>(RowFormat.Readable(entity).GetString("Data"), TableRequestStore.Json) : null;
        _cache[key] = (clock.GetUtcNow() + CacheLifetime, value);
        return value;
    }

    private async Task<IReadOnlyList<T>> ListAsync<T>(string kind, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        foreach (var record in await ListRecordsAsync<T>(kind, cancellationToken))
        {
            items.Add(record.Value);
        }
        return items;
    }

    public Task<IReadOnlyList<DirectoryRecord<Authority>>> ListAuthorityRecordsAsync(CancellationToken cancellationToken) =>
        ListRecordsAsync<Authority>("authority", cancellationToken);

    public Task<DirectoryRecord<Authority>?> GetAuthorityRecordAsync(string authorityId, CancellationToken cancellationToken) =>
        GetRecordAsync<Authority>("authority", authorityId, cancellationToken);

    public async Task<IReadOnlyList<DirectoryRecord<Partnership>>> ListPartnershipRecordsAsync(CancellationToken cancellationToken)
    {
        var stored = await ListRecordsAsync<Partnership>("partnership", cancellationToken);
        var keys = stored.Select(p => p.Value.Key).ToHashSet(StringComparer.Ordinal);
        var legacy = (await ListRecordsAsync<ApprovalRoute>("route", cancellationToken))
            .Where(r => !keys.Contains(r.Value.Key))
            .Select(r => new DirectoryRecord<Partnership>(Partnership.FromRoute(r.Value), null));
        return [.. stored, .. legacy];
    }

    /// <summary>A stored partnership, else the route stored before partnerships existed, without a version (saving it writes the partnership row).</summary>
    public async Task<DirectoryRecord<Partnership>?> GetPartnershipRecordAsync(string requestingAuthorityId, string assistingAuthorityId, CancellationToken cancellationToken)
    {
        var key = ApprovalRoute.KeyOf(requestingAuthorityId, assistingAuthorityId);
        return await GetRecordAsync<Partnership>("partnership", key, cancellationToken)
            ?? (await GetRecordAsync<ApprovalRoute>("route", key, cancellationToken) is { } route ? new DirectoryRecord<Partnership>(Partnership.FromRoute(route.Value), null) : null);
    }

    public Task<IReadOnlyList<DirectoryRecord<DirectoryUser>>> ListUserRecordsAsync(CancellationToken cancellationToken) =>
        ListRecordsAsync<DirectoryUser>("user", cancellationToken);

    public Task<DirectoryRecord<DirectoryUser>?> GetUserRecordAsync(string userId, CancellationToken cancellationToken) =>
        GetRecordAsync<DirectoryUser>("user", userId, cancellationToken);

    public Task<string> CommitAuthorityAsync(Authority authority, string? expectedVersion, DirectoryAuditEntry audit, CancellationToken cancellationToken) =>
        CommitAsync("authority", authority.Id, authority, expectedVersion, audit, cancellationToken);

    public Task<string> CommitPartnershipAsync(Partnership partnership, string? expectedVersion, DirectoryAuditEntry audit, CancellationToken cancellationToken) =>
        CommitAsync("partnership", partnership.Key, partnership, expectedVersion, audit, cancellationToken);

    public Task<string> CommitUserAsync(DirectoryUser user, string? expectedVersion, DirectoryAuditEntry audit, CancellationToken cancellationToken) =>
        CommitAsync("user", user.UserId, user, expectedVersion, audit, cancellationToken);

    public async Task<IReadOnlyList<DirectoryAuditEntry>> ListAuditAsync(CancellationToken cancellationToken)
    {
        var entries = new List<DirectoryAuditEntry>();
        foreach (var kind in new[] { "authority", "partnership", "user" })
        {
            await foreach (var e in tables.Directory.QueryAsync<TableEntity>(TableKeys.RowKeyPrefixFilter(kind, AuditPrefix), cancellationToken: cancellationToken))
            {
                entries.Add(JsonSerializer.Deserialize<DirectoryAuditEntry>(RowFormat.Readable(e).GetString("Data"), TableRequestStore.Json)!);
            }
        }
        return [.. entries.OrderByDescending(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal)];
    }

    private async Task<IReadOnlyList<DirectoryRecord<T>>> ListRecordsAsync<T>(string kind, CancellationToken cancellationToken)
    {
        var items = new List<DirectoryRecord<T>>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {kind} and RowKey lt {AuditPrefix}");
        await foreach (var e in tables.Directory.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            items.Add(new(JsonSerializer.Deserialize<T>(RowFormat.Readable(e).GetString("Data"), TableRequestStore.Json)!, e.ETag.ToString()));
        }
        return items;
    }

    private async Task<DirectoryRecord<T>?> GetRecordAsync<T>(string kind, string id, CancellationToken cancellationToken) where T : class
    {
        var response = await tables.Directory.GetEntityIfExistsAsync<TableEntity>(kind, TableKeys.Safe(id), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity
            ? new DirectoryRecord<T>(JsonSerializer.Deserialize<T>(RowFormat.Readable(entity).GetString("Data"), TableRequestStore.Json)!, entity.ETag.ToString())
            : null;
    }

    /// <summary>The row and its audit entry in one entity-group transaction: both are written, or neither (412/409 become a concurrent change).</summary>
    private async Task<string> CommitAsync<T>(string kind, string id, T value, string? expectedVersion, DirectoryAuditEntry audit, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(kind, TableKeys.Safe(id)) { [RowFormat.Column] = RowFormat.Current, ["Data"] = JsonSerializer.Serialize(value, TableRequestStore.Json) };
        var inverted = DateTimeOffset.MaxValue.UtcTicks - audit.At.UtcTicks;
        var auditRow = new TableEntity(kind, $"{AuditPrefix}{inverted:D19}-{audit.Id}") { [RowFormat.Column] = RowFormat.Current, ["Data"] = JsonSerializer.Serialize(audit, TableRequestStore.Json) };
        TableTransactionAction write = expectedVersion is null
            ? new(TableTransactionActionType.Add, entity)
            : new(TableTransactionActionType.UpdateReplace, entity, new ETag(expectedVersion));
        try
        {
            var response = await tables.Directory.SubmitTransactionAsync([write, new(TableTransactionActionType.Add, auditRow)], cancellationToken);
            return response.Value[0].Headers.ETag?.ToString()
                ?? (await tables.Directory.GetEntityAsync<TableEntity>(kind, entity.RowKey, cancellationToken: cancellationToken)).Value.ETag.ToString();
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new ConcurrentChangeException($"Someone else changed {id} since you loaded it; reload it and make your change again.", ex);
        }
        finally
        {
            _cache.TryRemove($"{kind}|{id}", out _);
        }
    }

    private async Task SaveAsync<T>(string kind, string id, T value, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(kind, TableKeys.Safe(id)) { [RowFormat.Column] = RowFormat.Current, ["Data"] = JsonSerializer.Serialize(value, TableRequestStore.Json) };
        await tables.Directory.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        _cache.TryRemove($"{kind}|{id}", out _);
    }
}
