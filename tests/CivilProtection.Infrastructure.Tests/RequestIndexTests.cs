using Azure.Data.Tables;
using CivilProtection.Application.Indexes;
using CivilProtection.Domain.Requests;
using CivilProtection.Infrastructure.Tables;
using Microsoft.Extensions.Time.Testing;

namespace CivilProtection.Infrastructure.Tests;

/// <summary>A whole list, page after page, for tests that look for one row in it.</summary>
internal static class WholeLists
{
    public static async Task<IReadOnlyList<RequestListEntry>> ListAllAsync(this IRequestIndex index, string authorityId, string? status)
    {
        var entries = new List<RequestListEntry>();
        string? after = null;
        do
        {
            var page = await index.ListAsync(authorityId, status is null ? RequestListFilter.None : RequestListFilter.OfStatus(status), after, 100, CancellationToken.None);
            entries.AddRange(page.Entries);
            after = page.After;
        }
        while (after is not null);
        return entries;
    }
}

public sealed class RequestIndexTests(TableFixture fixture) : IClassFixture<TableFixture>
{
    private readonly TableRequestStore _store = new(fixture.Tables);
    private readonly TableRequestIndex _index = new(fixture.Tables);

    [Fact]
    public async Task Reconciling_a_filed_request_lists_it_for_both_authorities_and_puts_it_in_the_first_stage_inbox()
    {
        var request = TableFixture.NewRequest();
        await _store.CreateAsync(request, CancellationToken.None);

        await Projector().ReconcileAsync(request.Id, CancellationToken.None);

        Assert.Contains(await _index.ListAllAsync("MA-DGPC", "pending-approval"), e => e.RequestId == request.Id);
        Assert.Contains(await _index.ListAllAsync("FR-DGSCGC", null), e => e.RequestId == request.Id);
        Assert.DoesNotContain(await _index.ListAllAsync("MA-DGPC", "approved"), e => e.RequestId == request.Id);
        Assert.Contains(await _index.InboxAsync("MA-DGPC", "validation", CancellationToken.None), e => e.RequestId == request.Id);
        Assert.DoesNotContain(await _index.InboxAsync("FR-DGSCGC", "acceptance", CancellationToken.None), e => e.RequestId == request.Id);
        // The rows sit in their own partitions, one per authority and per inbox, not in the request's.
        var row = await fixture.Tables.Indexes.GetEntityAsync<TableEntity>("inbox-MA-DGPC-validation", request.Id);
        Assert.True(row.Value.GetBoolean("Active"));
        await fixture.Tables.Indexes.GetEntityAsync<TableEntity>("list-FR-DGSCGC", request.Id);
    }

    [Fact]
    public async Task Approving_the_first_stage_moves_the_item_to_the_next_stage_inbox()
    {
        var request = TableFixture.NewRequest();
        await _store.CreateAsync(request, CancellationToken.None);
        await Projector().ReconcileAsync(request.Id, CancellationToken.None);
        var loaded = (await _store.FindAsync(request.Id, CancellationToken.None))!;
        loaded.Request.Approve(TableFixture.Approver, DateTimeOffset.UtcNow, null);
        await _store.SaveAsync(loaded.Request, loaded.ETag, CancellationToken.None);

        await Projector().ReconcileAsync(request.Id, CancellationToken.None);

        Assert.DoesNotContain(await _index.InboxAsync("MA-DGPC", "validation", CancellationToken.None), e => e.RequestId == request.Id);
        var next = Assert.Single(await _index.InboxAsync("FR-DGSCGC", "acceptance", CancellationToken.None), e => e.RequestId == request.Id);
        Assert.Equal(1, next.StageIndex);
        Assert.Equal(2, next.Version);
        // The decided stage's row left the inbox partition: reading the inbox does not grow with what was decided.
        Assert.False((await fixture.Tables.Indexes.GetEntityIfExistsAsync<TableEntity>("inbox-MA-DGPC-validation", request.Id)).HasValue);
        var decided = await fixture.Tables.Indexes.GetEntityAsync<TableEntity>("decided-MA-DGPC-validation", request.Id);
        Assert.False(decided.Value.GetBoolean("Active"));
        Assert.Equal(2, await _index.InboxVersionAsync("MA-DGPC", "validation", request.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_slow_reconciliation_of_an_open_stage_after_its_decision_leaves_nothing_waiting_and_a_reopened_stage_waits_again()
    {
        var group = NewGroup();
        var requestId = Guid.NewGuid().ToString("N");

        await _index.UpsertInboxEntryAsync("MA-DGPC", group, Item(requestId, active: false, version: 3), CancellationToken.None);
        await _index.UpsertInboxEntryAsync("MA-DGPC", group, Item(requestId, active: true, version: 2), CancellationToken.None);

        Assert.Empty(await _index.InboxAsync("MA-DGPC", group, CancellationToken.None));
        Assert.False((await fixture.Tables.Indexes.GetEntityIfExistsAsync<TableEntity>(TableRequestIndex.InboxPartition("MA-DGPC", group), requestId)).HasValue);
        Assert.Equal(3, await _index.InboxVersionAsync("MA-DGPC", group, requestId, CancellationToken.None));

        // Returned, then resubmitted: the stage opens again in a newer version.
        await _index.UpsertInboxEntryAsync("MA-DGPC", group, Item(requestId, active: true, version: 4), CancellationToken.None);
        Assert.Equal(4, Assert.Single(await _index.InboxAsync("MA-DGPC", group, CancellationToken.None)).Version);
        // An older decision arriving late removes nothing newer.
        await _index.UpsertInboxEntryAsync("MA-DGPC", group, Item(requestId, active: false, version: 3), CancellationToken.None);
        Assert.Single(await _index.InboxAsync("MA-DGPC", group, CancellationToken.None));
    }

    [Fact]
    public async Task Inbox_rows_stored_before_decided_ones_moved_out_read_correctly_and_the_decided_ones_leave_on_first_read()
    {
        var group = NewGroup();
        var partition = TableRequestIndex.InboxPartition("MA-DGPC", group);
        var waiting = Item(Guid.NewGuid().ToString("N"), active: true, version: 1);
        var decidedItems = Enumerable.Range(0, 3).Select(_ => Item(Guid.NewGuid().ToString("N"), active: false, version: 2)).ToList();
        // As the code before stored them: every row in the inbox partition, decided ones inactive.
        foreach (var item in decidedItems.Append(waiting))
        {
            await fixture.Tables.Indexes.AddEntityAsync(new TableEntity(partition, item.RequestId)
            {
                ["Entry"] = System.Text.Json.JsonSerializer.Serialize(item, TableRequestStore.Json),
                ["Active"] = item.Active,
                ["Version"] = item.Version,
            });
        }

        var inbox = await _index.InboxAsync("MA-DGPC", group, CancellationToken.None);

        Assert.Equal([waiting.RequestId], inbox.Select(e => e.RequestId));
        foreach (var item in decidedItems)
        {
            Assert.False((await fixture.Tables.Indexes.GetEntityIfExistsAsync<TableEntity>(partition, item.RequestId)).HasValue);
            Assert.Equal(2, await _index.InboxVersionAsync("MA-DGPC", group, item.RequestId, CancellationToken.None));
        }
        Assert.Equal([waiting.RequestId], (await new TableRequestIndex(fixture.Tables).InboxAsync("MA-DGPC", group, CancellationToken.None)).Select(e => e.RequestId));
    }

    private static string NewGroup() => $"g{Guid.NewGuid():N}"[..10];

    private static InboxEntry Item(string requestId, bool active, int version) => new(
        requestId, "AR-2026-00008", "t", "urgent", "MA-DGPC", "FR-DGSCGC", 0, "validation", Filed, Filed.AddHours(4), active, Filed, version);

    [Fact]
    public async Task An_older_version_never_overwrites_a_newer_entry()
    {
        var requestId = Guid.NewGuid().ToString("N");
        var newer = Entry(requestId, "approved", version: 5);
        await _index.UpsertListEntryAsync("MA-DGPC", newer, CancellationToken.None);

        await _index.UpsertListEntryAsync("MA-DGPC", Entry(requestId, "pending-approval", version: 3), CancellationToken.None);

        var entry = Assert.Single(await _index.ListAllAsync("MA-DGPC", null), e => e.RequestId == requestId);
        Assert.Equal("approved", entry.Status);
        Assert.Equal(5, entry.Version);
    }

    [Fact]
    public async Task Concurrent_reconciliations_of_many_versions_settle_on_the_newest()
    {
        var requestId = Guid.NewGuid().ToString("N");

        await Task.WhenAll(Enumerable.Range(1, 12).Select(v => _index.UpsertListEntryAsync("FR-DGSCGC", Entry(requestId, $"v{v}", v), CancellationToken.None)));

        var entry = Assert.Single(await _index.ListAllAsync("FR-DGSCGC", null), e => e.RequestId == requestId);
        Assert.Equal(12, entry.Version);
    }

    [Fact]
    public async Task Reconciling_an_unknown_request_reports_it_so_the_message_is_dead_lettered()
    {
        Assert.False(await Projector().ReconcileAsync(Guid.NewGuid().ToString("N"), CancellationToken.None));
    }

    [Fact]
    public async Task A_list_comes_in_pages_newest_filing_first_each_row_once_and_the_last_page_says_so()
    {
        var authority = NewAuthority();
        var filed = DateTimeOffset.UtcNow.AddDays(-30);
        var ids = Enumerable.Range(0, 7).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        // Written out of filing order: the store, not the writer, orders them.
        foreach (var i in new[] { 3, 0, 6, 1, 5, 2, 4 })
        {
            await _index.UpsertListEntryAsync(authority, Entry(ids[i], "approved", 1) with { FiledAt = filed.AddHours(i) }, CancellationToken.None);
        }

        var pages = new List<RequestListPage>();
        string? after = null;
        do
        {
            var page = await _index.ListAsync(authority, RequestListFilter.None, after, 3, CancellationToken.None);
            pages.Add(page);
            after = page.After;
        }
        while (after is not null);

        Assert.Equal([3, 3, 1], pages.Select(p => p.Entries.Count));
        Assert.Equal(Enumerable.Range(0, 7).Reverse().Select(i => ids[i]), pages.SelectMany(p => p.Entries).Select(e => e.RequestId));
        Assert.Null(pages[^1].After);
        Assert.True(_index.IsListPosition(pages[0].After!));
        Assert.False(_index.IsListPosition(ids[0]));
    }

    [Fact]
    public async Task Each_filter_is_applied_by_the_store()
    {
        var authority = NewAuthority();
        var day = new DateTimeOffset(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);
        var rows = new[]
        {
            Entry(Guid.NewGuid().ToString("N"), "pending-approval", 1) with { Reference = "AR-2025-00101", Urgency = "life-safety", FiledAt = day },
            Entry(Guid.NewGuid().ToString("N"), "closed", 1) with { Reference = "AR-2025-00102", IncidentType = "wildfire", FiledAt = day.AddDays(1) },
            Entry(Guid.NewGuid().ToString("N"), "cancelled", 1) with { Reference = "AR-2025-00200", AssistingAuthorityId = "", AddressedAuthorityIds = ["ES-DGPCE", "PT-ANEPC"], FiledAt = day.AddDays(2) },
        };
        foreach (var row in rows)
        {
            await _index.UpsertListEntryAsync(authority, row, CancellationToken.None);
        }

        async Task<string[]> References(RequestListFilter filter) =>
            (await _index.ListAsync(authority, filter, null, 10, CancellationToken.None)).Entries.Select(e => e.Reference).ToArray();

        Assert.Equal(["AR-2025-00200", "AR-2025-00102", "AR-2025-00101"], await References(RequestListFilter.None));
        Assert.Equal(["AR-2025-00200", "AR-2025-00101"], await References(new RequestListFilter(["pending-approval", "cancelled"])));
        Assert.Equal(["AR-2025-00101"], await References(RequestListFilter.None with { Urgency = "life-safety" }));
        Assert.Equal(["AR-2025-00102"], await References(RequestListFilter.None with { IncidentType = "wildfire" }));
        Assert.Equal(["AR-2025-00200"], await References(RequestListFilter.None with { PartyId = "PT-ANEPC" }));
        Assert.Equal(["AR-2025-00102", "AR-2025-00101"], await References(RequestListFilter.None with { PartyId = "FR-DGSCGC" }));
        Assert.Equal(["AR-2025-00102"], await References(RequestListFilter.None with { FiledFrom = day.AddDays(1), FiledBefore = day.AddDays(2) }));
        Assert.Equal(["AR-2025-00200"], await References(RequestListFilter.None with { FiledFrom = day.AddDays(2) }));
        Assert.Equal(["AR-2025-00101"], await References(RequestListFilter.None with { FiledBefore = day.AddDays(1) }));
        Assert.Equal(["AR-2025-00102", "AR-2025-00101"], await References(RequestListFilter.None with { ReferencePrefix = "AR-2025-001" }));
        Assert.Empty(await References(RequestListFilter.None with { ReferencePrefix = "AR-2024" }));
    }

    [Fact]
    public async Task Rows_stored_before_the_filing_order_layout_still_list_in_filing_order_and_keep_their_newer_versions()
    {
        var authority = NewAuthority();
        var partition = TableRequestIndex.ListPartition(authority);
        var filed = DateTimeOffset.UtcNow.AddYears(-2);
        var old = Enumerable.Range(0, 5).Select(i => Entry(Guid.NewGuid().ToString("N"), "closed", 3) with { FiledAt = filed.AddDays(i) }).ToList();
        // As the code before this layout stored them: one row by request id, nothing else.
        foreach (var entry in old)
        {
            await fixture.Tables.Indexes.AddEntityAsync(new TableEntity(partition, entry.RequestId)
            {
                ["Entry"] = System.Text.Json.JsonSerializer.Serialize(entry, TableRequestStore.Json),
                ["Status"] = entry.Status,
                ["Version"] = entry.Version,
            });
        }
        // One of them changes after the upgrade, and a new one is filed, before anyone reads the list.
        await _index.UpsertListEntryAsync(authority, old[1] with { Status = "cancelled", Version = 4 }, CancellationToken.None);
        var fresh = Entry(Guid.NewGuid().ToString("N"), "pending-approval", 1);
        await _index.UpsertListEntryAsync(authority, fresh, CancellationToken.None);

        var first = await _index.ListAsync(authority, RequestListFilter.None, null, 4, CancellationToken.None);
        var second = await _index.ListAsync(authority, RequestListFilter.None, first.After, 4, CancellationToken.None);

        Assert.Equal(new[] { fresh.RequestId }.Concat(old.Select(e => e.RequestId).Reverse()), first.Entries.Concat(second.Entries).Select(e => e.RequestId));
        Assert.Equal("cancelled", first.Entries.Concat(second.Entries).Single(e => e.RequestId == old[1].RequestId).Status);
        Assert.Equal(["AR-2026-00007"], (await _index.ListAsync(authority, RequestListFilter.OfStatus("cancelled"), null, 10, CancellationToken.None)).Entries.Select(e => e.Reference));
        // A second process reads the marker and backfills nothing again; the rows by id stay, as the version guard.
        var again = await new TableRequestIndex(fixture.Tables).ListAsync(authority, RequestListFilter.None, null, 10, CancellationToken.None);
        Assert.Equal(6, again.Entries.Count);
        Assert.True((await fixture.Tables.Indexes.GetEntityIfExistsAsync<TableEntity>(partition, old[0].RequestId)).HasValue);
    }

    private static string NewAuthority() => $"XX-{Guid.NewGuid():N}"[..12].ToUpperInvariant();

    private Application.Indexes.RequestIndexProjector Projector() => new(_store, _index, new FakeTimeProvider(DateTimeOffset.UtcNow));

    // A request's filing time never changes; its list rows are keyed by it.
    private static readonly DateTimeOffset Filed = DateTimeOffset.UtcNow;

    private static RequestListEntry Entry(string requestId, string status, int version) => new(
        requestId, "AR-2026-00007", "t", "flood", "urgent", status, "MA-DGPC", "FR-DGSCGC", 0, Filed, DateTimeOffset.UtcNow, version);
}
