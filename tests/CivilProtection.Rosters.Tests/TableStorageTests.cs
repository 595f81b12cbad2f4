using Azure.Data.Tables;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Rosters;
using CivilProtection.Domain.Rosters;
using CivilProtection.Infrastructure.Tables;
using CivilProtection.Testing;
using NodaTime;

namespace CivilProtection.Rosters.Tests;

/// <summary>Fresh tables in the shared Azurite for the storage tests.</summary>
public sealed class TablesFixture : IAsyncLifetime
{
    public StateTables Tables { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var azurite = await Azurite.SharedAsync();
        Tables = new StateTables(new TableServiceClient(azurite.ConnectionString), Azurite.UniquePrefix());
        await Tables.CreateIfMissingAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => Task.WhenAll(Tables.All.Select(t => t.DeleteAsync()));
}

public sealed class TableStorageTests(TablesFixture fixture) : IClassFixture<TablesFixture>
{
    private static Person Responder(string id, string mobile, string authority = "MA-DGPC") =>
        new(id, $"Person {id}", mobile, "fr", authority, [PersonRoles.Responder], ["shelter"]);

    [Fact]
    public async Task Two_people_claiming_the_same_number_at_once_leave_exactly_one_holder()
    {
        var people = new TablePeople(fixture.Tables);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            try
            {
                await people.SaveAsync(Responder($"race-{i}", "+212661007001"), CancellationToken.None);
                return "saved";
            }
            catch (MobileNumberTakenException)
            {
                return "taken";
            }
        }));

        Assert.Equal(1, outcomes.Count(o => o == "saved"));
        var holder = await people.FindByMobileAsync("+212661007001", CancellationToken.None);
        Assert.NotNull(holder);
        Assert.Single(Enumerable.Range(0, 6), i => people.FindAsync($"race-{i}", CancellationToken.None).Result is not null);
    }

    [Fact]
    public async Task A_person_changing_number_moves_the_index_row_in_the_same_transaction()
    {
        var people = new TablePeople(fixture.Tables);
        await people.SaveAsync(Responder("mover", "+212661007010"), CancellationToken.None);

        await people.SaveAsync(Responder("mover", "+212661007011"), CancellationToken.None);

        Assert.Null(await people.FindByMobileAsync("+212661007010", CancellationToken.None));
        Assert.Equal("mover", (await people.FindByMobileAsync("+212661007011", CancellationToken.None))?.PersonId);
        var indexRows = new List<TableEntity>();
        await foreach (var row in fixture.Tables.People.QueryAsync<TableEntity>(e => e.PartitionKey == "people"))
        {
            indexRows.Add(row);
        }
        Assert.DoesNotContain(indexRows, r => r.RowKey == "mobile-+212661007010");
    }

    [Fact]
    public async Task Concurrent_edits_of_one_person_keep_one_number_indexed()
    {
        var people = new TablePeople(fixture.Tables);
        await people.SaveAsync(Responder("busy", "+212661007020"), CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(21, 5).Select(n => people.SaveAsync(Responder("busy", $"+2126610070{n}"), CancellationToken.None)));

        var final = await people.FindAsync("busy", CancellationToken.None);
        var indexed = new List<string>();
        await foreach (var row in fixture.Tables.People.QueryAsync<TableEntity>(e => e.PartitionKey == "people"))
        {
            if (row.GetString("PersonId") == "busy")
            {
                indexed.Add(row.RowKey);
            }
        }
        Assert.Equal(["mobile-" + final!.Mobile], indexed);
    }

    [Fact]
    public async Task People_are_listed_by_authority()
    {
        var people = new TablePeople(fixture.Tables);
        await people.SaveAsync(Responder("tn-1", "+21620123456", "TN-ONPC"), CancellationToken.None);
        await people.SaveAsync(Responder("tn-2", "+21620123457", "TN-ONPC"), CancellationToken.None);

        var tunisians = await people.ListAsync("TN-ONPC", CancellationToken.None);

        Assert.Equal(["tn-1", "tn-2"], tunisians.Select(p => p.PersonId).Order());
        Assert.Null(await people.FindAsync("no/such#id", CancellationToken.None));
    }

    [Fact]
    public async Task A_roster_of_a_thousand_shifts_is_stored_and_read_back_whole()
    {
        var rosters = new TableRosters(fixture.Tables);
        var start = new LocalDateTime(2026, 3, 1, 8, 0);
        var shifts = Enumerable.Range(0, OnCallRoster.MaxShifts)
            .Select(i => new RosterShift($"officer-{i % 7}", 1 + (i % 3), start.PlusHours(i), start.PlusHours(i + 12)))
            .ToList();
        var roster = new OnCallRoster("XX-BIG", "operations", "Europe/Paris", shifts);

        await rosters.SaveAsync(roster, CancellationToken.None);
        var back = await rosters.FindAsync("XX-BIG", "operations", CancellationToken.None);

        Assert.Equal(roster, back);
    }

    [Fact]
    public async Task A_replacement_from_a_stale_version_and_a_second_creation_are_refused()
    {
        var rosters = new TableRosters(fixture.Tables);
        var roster = new OnCallRoster("XX-CONC", "validation", "Africa/Casablanca", []);

        var first = await rosters.ReplaceAsync(roster, expectedVersion: null, CancellationToken.None);
        await Assert.ThrowsAsync<ConcurrentChangeException>(() => rosters.ReplaceAsync(roster, expectedVersion: null, CancellationToken.None));
        var second = await rosters.ReplaceAsync(roster, first, CancellationToken.None);
        await Assert.ThrowsAsync<ConcurrentChangeException>(() => rosters.ReplaceAsync(roster, first, CancellationToken.None));

        Assert.NotEqual(first, second);
        Assert.Equal(second, (await rosters.FindVersionedAsync("XX-CONC", "validation", CancellationToken.None))!.Version);
        Assert.Single(await rosters.ListAsync("XX-CONC", CancellationToken.None));
    }
}
