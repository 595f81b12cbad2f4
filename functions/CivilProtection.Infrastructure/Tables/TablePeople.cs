using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Rosters;
using CivilProtection.Domain.Rosters;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>
/// People in Table Storage, with an index by mobile number that answers "who sent this SMS?". Both kinds of
/// row live in one partition (<c>people</c>): a <c>person-{id}</c> row per person and a <c>mobile-{E.164}</c>
/// row per number, so a save writes the person, claims the new number and releases the old one in a single
/// entity-group transaction. A number can therefore never point to two people, nor stay pointing at someone
/// who gave it up, even when two saves race (the loser's transaction fails and is retried or refused).
/// </summary>
/// <remarks>
/// One partition for every authority's people trades partition spread (a few thousand people, read a few
/// times per notice) for that atomicity; lists by authority filter the partition on <c>AuthorityId</c>.
/// Reads by id go through a 30-second cache, as the directory's do (<paramref name="clock"/> null: none): paging one team
/// read each person on call once per tier, per notice and per delivery report. A save in this process is seen at once;
/// one made on another instance of the app within 30 s. Who sent an SMS is always read afresh.
/// </remarks>
public sealed class TablePeople(StateTables tables, TimeProvider? clock = null) : IPeople
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTimeOffset Until, Person Person)> _cache = new(StringComparer.Ordinal);

    internal const string Partition = "people";
    internal const string PersonPrefix = "person-";
    internal const string MobilePrefix = "mobile-";
    private static readonly Polly.ResiliencePipeline Conflicts = ConflictRetry.On<TableTransactionFailedException>(ex => ex.Status is 409 or 412 or 404);

    public async Task<Person?> FindAsync(string personId, CancellationToken cancellationToken)
    {
        if (clock is not null && _cache.TryGetValue(personId, out var cached) && cached.Until > clock.GetUtcNow())
        {
            return cached.Person;
        }
        var person = (await ReadPersonAsync(personId, cancellationToken))?.Person;
        Remember(person);
        return person;
    }

    // Only people found: someone added on another instance is found at once.
    private void Remember(Person? person)
    {
        if (clock is not null && person is not null)
        {
            _cache[person.PersonId] = (clock.GetUtcNow() + CacheLifetime, person);
        }
    }

    public async Task<Person?> FindByMobileAsync(string mobile, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(mobile))
        {
            return null;
        }
        var index = await tables.People.GetEntityIfExistsAsync<TableEntity>(Partition, MobileRow(mobile), cancellationToken: cancellationToken);
        if (!index.HasValue || index.Value is not { } row)
        {
            return null;
        }
        var person = (await ReadPersonAsync(row.GetString("PersonId"), cancellationToken))?.Person;
        return person?.Mobile == mobile ? person : null;
    }

    public async Task<IReadOnlyList<Person>> ListAsync(string authorityId, CancellationToken cancellationToken)
    {
        var people = new List<Person>();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Partition} and RowKey ge {PersonPrefix} and RowKey lt {PersonPrefix[..^1] + (char)(PersonPrefix[^1] + 1)} and AuthorityId eq {authorityId}");
        await foreach (var entity in tables.People.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            people.Add(Deserialize(entity));
        }
        return people;
    }

    /// <summary>Creates or replaces the person; throws <see cref="MobileNumberTakenException"/> when their number is someone else's.</summary>
    public async Task SaveAsync(Person person, CancellationToken cancellationToken)
    {
        try
        {
            await Conflicts.ExecuteAsync(async token =>
            {
                var current = await ReadPersonAsync(person.PersonId, token);
                var row = PersonEntity(person);
                var actions = new List<TableTransactionAction>
                {
                    current is null ? new(TableTransactionActionType.Add, row) : new(TableTransactionActionType.UpdateReplace, row, current.Value.ETag),
                };
                if (current?.Person.Mobile != person.Mobile)
                {
                    actions.Add(new(TableTransactionActionType.Add, new TableEntity(Partition, MobileRow(person.Mobile)) { [RowFormat.Column] = RowFormat.Current, ["PersonId"] = person.PersonId }));
                    if (current is not null && await ReadIndexAsync(current.Value.Person.Mobile, token) is { } old && old.GetString("PersonId") == person.PersonId)
                    {
                        actions.Add(new(TableTransactionActionType.Delete, old, old.ETag));
                    }
                }
                try
                {
                    _cache.TryRemove(person.PersonId, out _);
                    await tables.People.SubmitTransactionAsync(actions, token);
                    Remember(person);
                }
                catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
                {
                    // Refuses when the number is someone else's; frees a stale index row, or finds it ours, and retries.
                    await ReleaseIfStaleAsync(person, token);
                    throw;
                }
            }, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            throw new ConcurrentChangeException("This person keeps being changed by someone else; try again.", ex);
        }
    }

    /// <summary>Rewrites the person's row alone, guarded by the tag it was read with: the mobile number and its index row stay.</summary>
    public async Task<Person?> ChangeLanguageAsync(string personId, string authorityId, string language, CancellationToken cancellationToken)
    {
        try
        {
            return await Conflicts.ExecuteAsync(async token =>
            {
                if (await ReadPersonAsync(personId, token) is not { } current || current.Person.AuthorityId != authorityId)
                {
                    return null;
                }
                if (current.Person.Language == language)
                {
                    return current.Person;
                }
                var changed = current.Person with { Language = language };
                var row = PersonEntity(changed);
                _cache.TryRemove(personId, out _);
                // A transaction of one, so that a lost race (412) is the conflict the pipeline retries, as for a save.
                await tables.People.SubmitTransactionAsync([new(TableTransactionActionType.UpdateReplace, row, current.ETag)], token);
                Remember(changed);
                return changed;
            }, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            throw new ConcurrentChangeException("This person keeps being changed by someone else; try again.", ex);
        }
    }

    private static TableEntity PersonEntity(Person person) => new(Partition, PersonRow(person.PersonId))
    {
        [RowFormat.Column] = RowFormat.Current,
        ["Data"] = JsonSerializer.Serialize(person, TableRequestStore.Json),
        ["AuthorityId"] = person.AuthorityId,
        ["Mobile"] = person.Mobile,
    };

    // After a failed save: the number's index row is either someone's (refuse), stale (free it) or ours (retry).
    private async Task ReleaseIfStaleAsync(Person person, CancellationToken cancellationToken)
    {
        if (await ReadIndexAsync(person.Mobile, cancellationToken) is not { } index || index.GetString("PersonId") == person.PersonId)
        {
            return;
        }
        var holder = await FindAsync(index.GetString("PersonId"), cancellationToken);
        if (holder?.Mobile == person.Mobile)
        {
            throw new MobileNumberTakenException("The mobile number belongs to another person.", holder.PersonId);
        }
        try
        {
            await tables.People.DeleteEntityAsync(Partition, index.RowKey, index.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Someone else changed the index row meanwhile: the next attempt looks again.
        }
    }

    private async Task<(Person Person, ETag ETag)?> ReadPersonAsync(string personId, CancellationToken cancellationToken)
    {
        if (!RosterRules.IsPersonId(personId))
        {
            return null;
        }
        var response = await tables.People.GetEntityIfExistsAsync<TableEntity>(Partition, PersonRow(personId), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? (Deserialize(entity), entity.ETag) : null;
    }

    private async Task<TableEntity?> ReadIndexAsync(string mobile, CancellationToken cancellationToken)
    {
        var response = await tables.People.GetEntityIfExistsAsync<TableEntity>(Partition, MobileRow(mobile), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private static Person Deserialize(TableEntity entity) =>
        JsonSerializer.Deserialize<Person>(RowFormat.Readable(entity).GetString("Data"), TableRequestStore.Json) ?? throw new InvalidDataException($"Person row {entity.RowKey} is empty.");

    internal static string PersonRow(string personId) => PersonPrefix + TableKeys.Safe(personId);

    internal static string MobileRow(string mobile) => MobilePrefix + TableKeys.Safe(mobile);
}
