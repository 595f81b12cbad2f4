using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Data.Tables;
using CivilProtection.Application.Directory;
using CivilProtection.Domain.Approvals;
using CivilProtection.Domain.Authorities;
using CivilProtection.Domain.Partnerships;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// Authorities, people, partnerships and routes in Table Storage (partitions <c>authority</c>, <c>user</c>, <c>partnership</c>, <c>route</c>), read
/// through a short cache: they change rarely and are read on every call.
/// </summary>
public sealed class TableDirectory(StateTables tables, TimeProvider clock) : IDirectory
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, object? Value)> _cache = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<Authority>> ListAuthoritiesAsync(CancellationToken cancellationToken) => ListAsync<Authority>("authority", cancellationToken);

    public Task<Authority?> FindAuthorityAsync(string authorityId, CancellationToken cancellationToken) => FindAsync<Authority>("authority", authorityId, cancellationToken);

    public Task<ApprovalRoute?> FindRouteAsync(string requestingAuthorityId, string assistingAuthorityId, CancellationToken cancellationToken) =>
        FindAsync<ApprovalRoute>("route", ApprovalRoute.KeyOf(requestingAuthorityId, assistingAuthorityId), cancellationToken);

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
        var value = response.HasValue && response.Value is { } entity ? JsonSerializer.Deserialize<T>(entity.GetString("Data"), TableRequestStore.Json) : null;
        _cache[key] = (clock.GetUtcNow() + CacheLifetime, value);
        return value;
    }

    private async Task<IReadOnlyList<T>> ListAsync<T>(string kind, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        await foreach (var e in tables.Directory.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {kind}"), cancellationToken: cancellationToken))
        {
            items.Add(JsonSerializer.Deserialize<T>(e.GetString("Data"), TableRequestStore.Json)!);
        }
        return items;
    }

    private async Task SaveAsync<T>(string kind, string id, T value, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(kind, TableKeys.Safe(id)) { ["Data"] = JsonSerializer.Serialize(value, TableRequestStore.Json) };
        await tables.Directory.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        _cache.TryRemove($"{kind}|{id}", out _);
    }
}
