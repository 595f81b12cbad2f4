using CivilProtection.Application.Messaging;
using CivilProtection.Application.Outbox;
using CivilProtection.Domain.Requests;
using CivilProtection.Infrastructure.Messaging;
using CivilProtection.Infrastructure.Tables;
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

        // A new process, with nothing in memory, sweeps.
        using var transport = new InProcessTransport(QueueDescription.Embedded, _clock);
        var outbox = new TableOutboxStore(fixture.Tables, _clock);
        var relay = new OutboxRelay(outbox, transport, _clock, NullLogger<OutboxRelay>.Instance);
        var published = await relay.SweepAsync(CancellationToken.None);

        Assert.True(published >= 2);
        var routed = await transport.ReceiveAsync(Queues.ApprovalRouting, 10, TimeSpan.FromSeconds(1), CancellationToken.None);
        var changed = await transport.ReceiveAsync(Queues.RequestEvents, 10, TimeSpan.FromSeconds(1), CancellationToken.None);
        var stageOpened = Assert.Single(routed, m => m.MessageId.StartsWith(request.Id, StringComparison.Ordinal));
        Assert.Equal(RequestMessageKinds.StageOpened, stageOpened.Subject);
        Assert.Equal("corr-1", stageOpened.CorrelationId);
        Assert.Single(changed, m => m.MessageId.StartsWith(request.Id, StringComparison.Ordinal));
        Assert.Empty(await outbox.ReadAsync(request.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_young_marker_stays_until_its_grace_has_passed_then_is_cleared()
    {
        var outbox = new TableOutboxStore(fixture.Tables, _clock);
        var requestId = Guid.NewGuid().ToString("N");
        await outbox.MarkPendingAsync(requestId, CancellationToken.None);
        using var transport = new InProcessTransport(QueueDescription.Embedded, _clock);
        var relay = new OutboxRelay(outbox, transport, _clock, NullLogger<OutboxRelay>.Instance);

        await relay.SweepAsync(CancellationToken.None);
        Assert.Contains(await outbox.ListMarkersAsync(1000, CancellationToken.None), m => m.RequestId == requestId);

        _clock.Advance(OutboxRelay.MarkerGrace + TimeSpan.FromSeconds(1));
        await relay.SweepAsync(CancellationToken.None);
        Assert.DoesNotContain(await outbox.ListMarkersAsync(1000, CancellationToken.None), m => m.RequestId == requestId);
    }

    [Fact]
    public async Task A_marker_written_again_after_it_was_read_is_not_cleared()
    {
        var outbox = new TableOutboxStore(fixture.Tables, _clock);
        var requestId = Guid.NewGuid().ToString("N");
        await outbox.MarkPendingAsync(requestId, CancellationToken.None);
        var read = Assert.Single(await outbox.ListMarkersAsync(1000, CancellationToken.None), m => m.RequestId == requestId);

        await outbox.MarkPendingAsync(requestId, CancellationToken.None);
        await outbox.ClearMarkerAsync(read, CancellationToken.None);

        Assert.Contains(await outbox.ListMarkersAsync(1000, CancellationToken.None), m => m.RequestId == requestId);
    }

    [Fact]
    public async Task Publishing_twice_sends_each_message_once_thanks_to_duplicate_detection()
    {
        var request = TableFixture.NewRequest();
        var outbox = new TableOutboxStore(fixture.Tables, _clock);
        await new TableRequestStore(fixture.Tables).CreateAsync(request, CancellationToken.None);
        var rows = await outbox.ReadAsync(request.Id, CancellationToken.None);
        using var transport = new InProcessTransport(QueueDescription.Embedded, _clock);

        // Two relays race on the same rows (the inline one and a sweep).
        foreach (var row in rows.Concat(rows))
        {
            await transport.SendAsync(row.Queue, new OutgoingMessage(row.MessageId, row.Subject, row.Body, row.CorrelationId), CancellationToken.None);
        }

        var routed = await transport.ReceiveAsync(Queues.ApprovalRouting, 10, TimeSpan.FromMilliseconds(200), CancellationToken.None);
        Assert.Single(routed);
    }
}
