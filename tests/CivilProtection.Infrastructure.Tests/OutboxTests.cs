using CivilProtection.Application.Messaging;
using CivilProtection.Application.Outbox;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Requests;
using CivilProtection.Infrastructure.Messaging;
using CivilProtection.Infrastructure.Tables;
using CivilProtection.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CivilProtection.Infrastructure.Tests;

public sealed class OutboxTests(TableFixture fixture) : IClassFixture<TableFixture>
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Rows_committed_before_a_crash_are_published_by_the_next_process_sweep()
    {
        // The first process marks and commits, then dies before its relay runs.
        var request = TableFixture.NewRequest();
        await new TableOutboxStore(fixture.Tables, _clock).MarkPendingAsync(request.Id, CancellationToken.None);
        await new TableRequestStore(fixture.Tables).CreateAsync(request, CancellationToken.None);

        // A new process, with nothing in memory, sweeps once the marker is old enough to be left behind.
        using var transport = new InProcessTransport(QueueDescription.Embedded, _clock, new MemoryQueueJournal());
        var outbox = new TableOutboxStore(fixture.Tables, _clock);
        var relay = new OutboxRelay(outbox, new TableRepairTickets(fixture.Tables), transport, _clock, NullLogger<OutboxRelay>.Instance);
        _clock.Advance(OutboxRelay.SweepAfter + TimeSpan.FromSeconds(1));
        var published = await relay.SweepAsync(CancellationToken.None);

        Assert.True(published >= 2);
        var routed = await transport.ReceiveAsync(Queues.ApprovalRouting, 10, TimeSpan.FromSeconds(1), CancellationToken.None);
        var changed = await transport.ReceiveAsync(Queues.RequestEvents, 10, TimeSpan.FromSeconds(1), CancellationToken.None);
        var stageOpened = Assert.Single(routed, m => m.MessageId.StartsWith(request.Id, StringComparison.Ordinal));
        Assert.Equal(RequestMessageKinds.StageOpened, stageOpened.Subject);
        Assert.Equal("corr-1", stageOpened.CorrelationId);
        Assert.Single(changed, m => m.MessageId.StartsWith(request.Id, StringComparison.Ordinal));
        Assert.Empty(await outbox.ReadAsync(request.Id, CancellationToken.None));

        // Before the rows went, the relay left the repair a ticket to check what they did a few minutes later.
        var tickets = await new TableRepairTickets(fixture.Tables).ListAsync(_clock.GetUtcNow().AddSeconds(1), 5000, CancellationToken.None);
        var ticket = Assert.Single(tickets, t => t.RequestId == request.Id);
        Assert.Equal(request.State.Version, ticket.Version);
        Assert.Equal(_clock.GetUtcNow(), ticket.PublishedAt);
        // Only tickets published before the given time fall due.
        Assert.DoesNotContain(await new TableRepairTickets(fixture.Tables).ListAsync(_clock.GetUtcNow(), 5000, CancellationToken.None), t => t.RequestId == request.Id);
    }

    [Fact]
    public async Task A_filing_its_process_died_before_publishing_is_found_by_its_id_without_a_marker()
    {
        // Filed as the intake files: one transaction, no marker; then the process dies.
        var request = TableFixture.NewRequest(_clock.GetUtcNow());
        await new TableRequestStore(fixture.Tables).CreateAsync(request, CancellationToken.None);
        var outbox = new TableOutboxStore(fixture.Tables, _clock);
        using var transport = new InProcessTransport(QueueDescription.Embedded, _clock, new MemoryQueueJournal());
        var relay = new OutboxRelay(outbox, new TableRepairTickets(fixture.Tables), transport, _clock, NullLogger<OutboxRelay>.Instance);

        // Young: the relay of the filing is about to publish it.
        await relay.SweepAsync(CancellationToken.None);
        Assert.NotEmpty(await outbox.ReadAsync(request.Id, CancellationToken.None));

        _clock.Advance(OutboxRelay.SweepAfter + TimeSpan.FromSeconds(1));
        await relay.SweepAsync(CancellationToken.None);

        var routed = await transport.ReceiveAsync(Queues.ApprovalRouting, 10, TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.Single(routed, m => m.MessageId.StartsWith(request.Id, StringComparison.Ordinal));
        Assert.Empty(await outbox.ReadAsync(request.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_change_of_a_recent_request_commits_without_a_marker_and_the_sweep_finds_what_its_crash_left_behind()
    {
        var request = TableFixture.NewRequest(_clock.GetUtcNow() - TimeSpan.FromDays(3));
        var store = new TableRequestStore(fixture.Tables);
        var outbox = new TableOutboxStore(fixture.Tables, _clock);
        var filed = await store.CreateAsync(request, CancellationToken.None);
        using var transport = new InProcessTransport(QueueDescription.Embedded, _clock, new MemoryQueueJournal());
        var relay = new OutboxRelay(outbox, new TableRepairTickets(fixture.Tables), transport, _clock, NullLogger<OutboxRelay>.Instance);

        // Committed as every change is; the relay never runs, as when the process dies right after the commit.
        var change = new PartitionChange(request.Id);
        change.Outbox.Add(OutboxRouting.NoticeCheck(request.Id, "n1", 1, _clock.GetUtcNow().AddMinutes(5), "corr-1"));
        await new PartitionWriter(store, outbox, relay).CommitAsync(change, CancellationToken.None);

        Assert.False(relay.NeedsMarker(request.Id));
        Assert.DoesNotContain(await MarkersAsync(outbox), m => m.RequestId == request.Id);
        Assert.Equal(filed.Count + 1, (await outbox.ReadAsync(request.Id, CancellationToken.None)).Count);

        // The next sweep reads the recent filings' outbox rows by their ids' range: the change's row is among them.
        await relay.SweepAsync(CancellationToken.None);

        Assert.Empty(await outbox.ReadAsync(request.Id, CancellationToken.None));
        Assert.Contains(await new TableRepairTickets(fixture.Tables).ListAsync(_clock.GetUtcNow().AddMinutes(10), 5000, CancellationToken.None), t => t.RequestId == request.Id);
    }

    [Fact]
    public async Task A_change_of_a_request_about_to_leave_the_filing_sweeps_window_still_marks_first()
    {
        var outbox = new TableOutboxStore(fixture.Tables, _clock);
        using var transport = new InProcessTransport(QueueDescription.Embedded, _clock, new MemoryQueueJournal());
        var relay = new OutboxRelay(outbox, new TableRepairTickets(fixture.Tables), transport, _clock, NullLogger<OutboxRelay>.Instance);
        var old = TableFixture.NewRequest(_clock.GetUtcNow() - OutboxRelay.SweptWithoutMarker - TimeSpan.FromMinutes(1));
        var store = new TableRequestStore(fixture.Tables);
        await store.CreateAsync(old, CancellationToken.None);

        var change = new PartitionChange(old.Id);
        change.Outbox.Add(OutboxRouting.NoticeCheck(old.Id, "n1", 1, _clock.GetUtcNow().AddMinutes(5), "corr-1"));
        await new PartitionWriter(store, outbox, relay).CommitAsync(change, CancellationToken.None);

        Assert.True(relay.NeedsMarker(old.Id));
        Assert.Contains(await MarkersAsync(outbox), m => m.RequestId == old.Id);
        // An id not made by RequestIds.New tells no filing time, so it is always marked.
        Assert.True(relay.NeedsMarker("AR-2026-00001"));
        Assert.True(relay.NeedsMarker(old.Id.ToUpperInvariant()));
    }

    [Fact]
    public void A_request_id_tells_when_its_request_was_filed()
    {
        var at = new DateTimeOffset(2026, 11, 29, 9, 0, 0, 123, TimeSpan.Zero);

        Assert.Equal(at, RequestIds.FiledAt(RequestIds.New(at)));
        Assert.Null(RequestIds.FiledAt("not-an-id"));
        Assert.Null(RequestIds.FiledAt(new string('z', 32)));
        Assert.Null(RequestIds.FiledAt(Guid.NewGuid().ToString()));
        Assert.Null(RequestIds.FiledAt(Guid.NewGuid().ToString("N")));
    }

    [Fact]
    public void Request_ids_sort_by_filing_time_and_fall_between_the_bounds_of_their_instant()
    {
        var at = new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 50).Select(i => RequestIds.New(at.AddMilliseconds(i * 7))).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.True(string.CompareOrdinal(RequestIds.LowerBound(at), ids[0]) <= 0);
        Assert.True(string.CompareOrdinal(ids[^1], RequestIds.LowerBound(at.AddSeconds(1))) < 0);
        Assert.True(string.CompareOrdinal(RequestIds.New(at.AddMilliseconds(-1)), RequestIds.LowerBound(at)) < 0);
    }

    [Fact]
    public async Task The_sweep_leaves_young_markers_to_the_relay_and_clears_a_marker_only_after_its_grace()
    {
        var outbox = new TableOutboxStore(fixture.Tables, _clock);
        var request = TableFixture.NewRequest();
        var marker = await outbox.MarkPendingAsync(request.Id, CancellationToken.None);
        await new TableRequestStore(fixture.Tables).CreateAsync(request, CancellationToken.None);
        using var transport = new InProcessTransport(QueueDescription.Embedded, _clock, new MemoryQueueJournal());
        var relay = new OutboxRelay(outbox, new TableRepairTickets(fixture.Tables), transport, _clock, NullLogger<OutboxRelay>.Instance);

        // Young: not even read, the relay of the change is about to publish it.
        await relay.SweepAsync(CancellationToken.None);
        Assert.NotEmpty(await outbox.ReadAsync(request.Id, CancellationToken.None));

        // Left behind: published, but the marker stays while its change might still be committing.
        _clock.Advance(OutboxRelay.SweepAfter + TimeSpan.FromSeconds(1));
        await relay.SweepAsync(CancellationToken.None);
        Assert.Empty(await outbox.ReadAsync(request.Id, CancellationToken.None));
        Assert.Contains(await MarkersAsync(outbox), m => m.MarkerId == marker.MarkerId);

        _clock.Advance(OutboxRelay.MarkerGrace);
        await relay.SweepAsync(CancellationToken.None);
        Assert.DoesNotContain(await MarkersAsync(outbox), m => m.MarkerId == marker.MarkerId);
    }

    [Fact]
    public async Task The_relay_publishes_the_rows_a_commit_wrote_removes_them_and_clears_only_that_commits_marker()
    {
        var outbox = new TableOutboxStore(fixture.Tables, _clock);
        var request = TableFixture.NewRequest();
        var first = await outbox.MarkPendingAsync(request.Id, CancellationToken.None);
        var committed = await new TableRequestStore(fixture.Tables).CreateAsync(request, CancellationToken.None);
        // A second change of the same request marked too, and is still committing.
        var second = await outbox.MarkPendingAsync(request.Id, CancellationToken.None);
        using var transport = new InProcessTransport(QueueDescription.Embedded, _clock, new MemoryQueueJournal());
        var relay = new OutboxRelay(outbox, new TableRepairTickets(fixture.Tables), transport, _clock, NullLogger<OutboxRelay>.Instance);
        using var stop = new CancellationTokenSource();
        var running = relay.RunAsync(stop.Token);

        relay.PublishSoon(new CommittedOutbox(first, committed));

        var routed = await transport.ReceiveAsync(Queues.ApprovalRouting, 10, TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Single(routed, m => m.MessageId.StartsWith(request.Id, StringComparison.Ordinal));
        await Eventually.TrueAsync(async () => (await outbox.ReadAsync(request.Id, CancellationToken.None)).Count == 0, "the relay removing the outbox rows");
        await Eventually.TrueAsync(async () => !(await MarkersAsync(outbox)).Any(m => m.MarkerId == first.MarkerId), "the relay clearing the marker");
        Assert.Contains(await MarkersAsync(outbox), m => m.MarkerId == second.MarkerId);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task Removing_rows_some_of_which_are_already_gone_removes_the_rest_without_error()
    {
        var outbox = new TableOutboxStore(fixture.Tables, _clock);
        var request = TableFixture.NewRequest();
        var store = new TableRequestStore(fixture.Tables);
        var filed = await store.CreateAsync(request, CancellationToken.None);
        var change = new PartitionChange(request.Id);
        change.Outbox.Add(OutboxRouting.NoticeCheck(request.Id, "n1", 1, _clock.GetUtcNow().AddMinutes(5), "corr-1"));
        await store.CommitAsync(change, CancellationToken.None);
        var rows = await outbox.ReadAsync(request.Id, CancellationToken.None);
        Assert.Equal(filed.Count + 1, rows.Count);

        // The filing's entry goes (with all its messages), then all of them: the change's entry remains to remove.
        await outbox.RemoveAsync([filed[0]], CancellationToken.None);
        Assert.Equal([$"{request.Id}:n1:check:1"], (await outbox.ReadAsync(request.Id, CancellationToken.None)).Select(r => r.MessageId));
        await outbox.RemoveAsync(rows, CancellationToken.None);

        Assert.Empty(await outbox.ReadAsync(request.Id, CancellationToken.None));
        Assert.Contains(await fixture.PartitionAsync(request.Id), e => e.RowKey == $"snapshot-{request.Id}");
    }

    [Fact]
    public async Task Publishing_twice_sends_each_message_once_thanks_to_duplicate_detection()
    {
        var request = TableFixture.NewRequest();
        var outbox = new TableOutboxStore(fixture.Tables, _clock);
        await new TableRequestStore(fixture.Tables).CreateAsync(request, CancellationToken.None);
        var rows = await outbox.ReadAsync(request.Id, CancellationToken.None);
        using var transport = new InProcessTransport(QueueDescription.Embedded, _clock, new MemoryQueueJournal());

        // Two relays race on the same rows (the inline one and a sweep).
        foreach (var row in rows.Concat(rows))
        {
            await transport.SendAsync(row.Queue, new OutgoingMessage(row.MessageId, row.Subject, row.Body, row.CorrelationId), CancellationToken.None);
        }

        var routed = await transport.ReceiveAsync(Queues.ApprovalRouting, 10, TimeSpan.FromMilliseconds(200), CancellationToken.None);
        Assert.Single(routed);
    }

    private Task<IReadOnlyList<OutboxMarker>> MarkersAsync(TableOutboxStore outbox) =>
        outbox.ListMarkersAsync(_clock.GetUtcNow() + TimeSpan.FromDays(1), 10_000, CancellationToken.None);
}
