using Azure.Data.Tables;
using CivilProtection.Application.Indexes;
using CivilProtection.Infrastructure.Tables;

namespace CivilProtection.Infrastructure.Tests;

/// <summary>
/// The requests in progress are kept in a range of their own in each list partition, so the requests page's default list
/// reads only them however many ended requests the years leave behind.
/// </summary>
public sealed class InProgressListTests(TableFixture fixture) : IClassFixture<TableFixture>
{
    private readonly TableRequestIndex _index = new(fixture.Tables);

    // What the requests page asks for by default: every status but those of requests that ended.
    private static readonly RequestListFilter InProgress = new(["pending-approval", "returned-for-information", "open", "approved", "dispatched"]);

    [Fact]
    public async Task A_request_that_ends_leaves_the_range_in_the_same_write_and_every_other_list_still_shows_it()
    {
        var authority = NewAuthority();
        var filed = DateTimeOffset.UtcNow.AddDays(-3);
        var waiting = Entry("pending-approval", 1, filed);
        var closedLater = Entry("approved", 1, filed.AddHours(1));
        var rejectedAtOnce = Entry("rejected", 1, filed.AddHours(2));
        var resubmitted = Entry("returned-for-information", 1, filed.AddHours(3));
        foreach (var entry in new[] { waiting, closedLater, rejectedAtOnce, resubmitted })
        {
            await _index.UpsertListEntryAsync(authority, entry, CancellationToken.None);
        }
        await _index.UpsertListEntryAsync(authority, closedLater with { Status = "closed", Version = 2 }, CancellationToken.None);
        await _index.UpsertListEntryAsync(authority, resubmitted with { Status = "pending-approval", Version = 2 }, CancellationToken.None);

        Assert.Equal([(resubmitted.RequestId, "pending-approval"), (waiting.RequestId, "pending-approval")], await RangeAsync(authority));
        Assert.Equal([resubmitted.RequestId, waiting.RequestId], await IdsAsync(authority, InProgress));
        Assert.Equal([resubmitted.RequestId, waiting.RequestId], await IdsAsync(authority, RequestListFilter.OfStatus("pending-approval")));
        Assert.Equal([closedLater.RequestId], await IdsAsync(authority, RequestListFilter.OfStatus("closed")));
        Assert.Equal([rejectedAtOnce.RequestId], await IdsAsync(authority, new RequestListFilter(["rejected", "open"])));
        Assert.Equal([resubmitted.RequestId, rejectedAtOnce.RequestId, closedLater.RequestId, waiting.RequestId], await IdsAsync(authority, RequestListFilter.None));
    }

    [Fact]
    public async Task The_range_comes_in_pages_newest_filing_first_with_filters_on_it_and_its_positions_are_list_positions()
    {
        var authority = NewAuthority();
        var filed = DateTimeOffset.UtcNow.AddDays(-10);
        var entries = Enumerable.Range(0, 7).Select(i => Entry(i % 3 == 0 ? "closed" : "approved", 1, filed.AddHours(i)) with { Urgency = i % 2 == 0 ? "life-safety" : "urgent" }).ToList();
        foreach (var entry in entries)
        {
            await _index.UpsertListEntryAsync(authority, entry, CancellationToken.None);
        }

        var pages = new List<RequestListPage>();
        string? after = null;
        do
        {
            var page = await _index.ListAsync(authority, InProgress, after, 2, CancellationToken.None);
            pages.Add(page);
            after = page.After;
        }
        while (after is not null);

        var inProgress = entries.Where(e => e.Status != "closed").Reverse().Select(e => e.RequestId).ToList();
        Assert.Equal([2, 2], pages.Select(p => p.Entries.Count));
        Assert.Equal(inProgress, pages.SelectMany(p => p.Entries).Select(e => e.RequestId));
        Assert.True(_index.IsListPosition(pages[0].After!));
        Assert.Equal(entries.Where(e => e.Status != "closed" && e.Urgency == "life-safety").Reverse().Select(e => e.RequestId),
            await IdsAsync(authority, InProgress with { Urgency = "life-safety" }));
        Assert.Equal([entries[2].RequestId], await IdsAsync(authority, InProgress with { FiledFrom = filed.AddHours(2), FiledBefore = filed.AddHours(4) }));
    }

    [Fact]
    public async Task Lists_stored_before_the_range_gain_it_on_first_read_and_writes_before_that_read_are_kept()
    {
        var authority = NewAuthority();
        var partition = TableRequestIndex.ListPartition(authority);
        var filed = DateTimeOffset.UtcNow.AddYears(-1);
        var stillWaiting = Entry("pending-approval", 2, filed);
        var endsBeforeTheRead = Entry("approved", 2, filed.AddDays(1));
        var longClosed = Entry("closed", 3, filed.AddDays(2));
        var changesBeforeTheRead = Entry("pending-approval", 2, filed.AddDays(3));
        // As the code before this range stored them: the row by id and the one in filing order, and the partition's marker.
        foreach (var entry in new[] { stillWaiting, endsBeforeTheRead, longClosed, changesBeforeTheRead })
        {
            await fixture.Tables.Indexes.AddEntityAsync(TableRequestIndex.ListRowById(partition, entry));
            await fixture.Tables.Indexes.AddEntityAsync(TableRequestIndex.ListedRow(partition, entry));
        }
        await fixture.Tables.Indexes.AddEntityAsync(new TableEntity(partition, "~layout") { ["Upgraded"] = 0 });

        // Its row by id says it was in progress, yet the range has no row for it to leave: the write must still land.
        await _index.UpsertListEntryAsync(authority, endsBeforeTheRead with { Status = "closed", Version = 3 }, CancellationToken.None);
        await _index.UpsertListEntryAsync(authority, changesBeforeTheRead with { Status = "approved", Version = 3 }, CancellationToken.None);

        Assert.Equal([changesBeforeTheRead.RequestId, stillWaiting.RequestId], await IdsAsync(authority, InProgress));
        Assert.Equal([(changesBeforeTheRead.RequestId, "approved"), (stillWaiting.RequestId, "pending-approval")], await RangeAsync(authority));
        Assert.Equal([longClosed.RequestId, endsBeforeTheRead.RequestId], await IdsAsync(authority, RequestListFilter.OfStatus("closed")));

        // Once copied, a request ending leaves the range as in any new list; another process copies nothing again.
        await _index.UpsertListEntryAsync(authority, stillWaiting with { Status = "cancelled", Version = 3 }, CancellationToken.None);
        Assert.Equal([changesBeforeTheRead.RequestId], await IdsAsync(authority, InProgress));
        Assert.Equal([changesBeforeTheRead.RequestId], (await new TableRequestIndex(fixture.Tables).ListAsync(authority, InProgress, null, 10, CancellationToken.None)).Entries.Select(e => e.RequestId));
        var marker = await fixture.Tables.Indexes.GetEntityAsync<TableEntity>(partition, "~layout-in-progress");
        Assert.Equal(2, marker.Value.GetInt32("Upgraded"));
    }

    // The rows of the range as stored, in key order, with the status each carries.
    private async Task<List<(string, string)>> RangeAsync(string authority)
    {
        var partition = TableRequestIndex.ListPartition(authority);
        var rows = new List<(string, string)>();
        await foreach (var row in fixture.Tables.Indexes.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {"~~"} and RowKey lt {"~~:"}")))
        {
            rows.Add((row.RowKey[(row.RowKey.IndexOf('-') + 1)..], row.GetString("Status")));
        }
        return rows;
    }

    private async Task<List<string>> IdsAsync(string authority, RequestListFilter filter) =>
        (await _index.ListAsync(authority, filter, null, 100, CancellationToken.None)).Entries.Select(e => e.RequestId).ToList();

    private static string NewAuthority() => $"XX-{Guid.NewGuid():N}"[..12].ToUpperInvariant();

    private static RequestListEntry Entry(string status, int version, DateTimeOffset filedAt) => new(
        Guid.NewGuid().ToString("N"), "AR-2026-00009", "t", "flood", "urgent", status, "MA-DGPC", "FR-DGSCGC", 0, filedAt, DateTimeOffset.UtcNow, version);
}
