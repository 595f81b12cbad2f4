using Azure.Data.Tables;
using CivilProtection.Application.Indexes;
using CivilProtection.Domain.Requests;
using CivilProtection.Infrastructure.Tables;
using Microsoft.Extensions.Time.Testing;

namespace CivilProtection.Infrastructure.Tests;

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

        Assert.Contains(await _index.ListAsync("MA-DGPC", "pending-approval", CancellationToken.None), e => e.RequestId == request.Id);
        Assert.Contains(await _index.ListAsync("FR-DGSCGC", null, CancellationToken.None), e => e.RequestId == request.Id);
        Assert.DoesNotContain(await _index.ListAsync("MA-DGPC", "approved", CancellationToken.None), e => e.RequestId == request.Id);
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
    }

    [Fact]
    public async Task An_older_version_never_overwrites_a_newer_entry()
    {
        var requestId = Guid.NewGuid().ToString("N");
        var newer = Entry(requestId, "approved", version: 5);
        await _index.UpsertListEntryAsync("MA-DGPC", newer, CancellationToken.None);

        await _index.UpsertListEntryAsync("MA-DGPC", Entry(requestId, "pending-approval", version: 3), CancellationToken.None);

        var entry = Assert.Single(await _index.ListAsync("MA-DGPC", null, CancellationToken.None), e => e.RequestId == requestId);
        Assert.Equal("approved", entry.Status);
        Assert.Equal(5, entry.Version);
    }

    [Fact]
    public async Task Concurrent_reconciliations_of_many_versions_settle_on_the_newest()
    {
        var requestId = Guid.NewGuid().ToString("N");

        await Task.WhenAll(Enumerable.Range(1, 12).Select(v => _index.UpsertListEntryAsync("FR-DGSCGC", Entry(requestId, $"v{v}", v), CancellationToken.None)));

        var entry = Assert.Single(await _index.ListAsync("FR-DGSCGC", null, CancellationToken.None), e => e.RequestId == requestId);
        Assert.Equal(12, entry.Version);
    }

    [Fact]
    public async Task Reconciling_an_unknown_request_reports_it_so_the_message_is_dead_lettered()
    {
        Assert.False(await Projector().ReconcileAsync(Guid.NewGuid().ToString("N"), CancellationToken.None));
    }

    private Application.Indexes.RequestIndexProjector Projector() => new(_store, _index, new FakeTimeProvider(DateTimeOffset.UtcNow));

    private static RequestListEntry Entry(string requestId, string status, int version) => new(
        requestId, "AR-2026-00007", "t", "flood", "urgent", status, "MA-DGPC", "FR-DGSCGC", 0, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, version);
}
