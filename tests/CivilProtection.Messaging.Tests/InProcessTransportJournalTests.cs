using CivilProtection.Application.Messaging;
using CivilProtection.Infrastructure.Messaging;
using CivilProtection.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CivilProtection.Messaging.Tests;

/// <summary>What the in-process transport's journal must keep across a restart beyond the contract's cases, and what it must refuse.</summary>
public sealed class InProcessTransportJournalTests : IDisposable
{
    private const string Queue = "work";
    private static readonly QueueDescription Description =
        new(Queue, TimeSpan.FromSeconds(30), MaxDeliveryCount: 2, TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), DeadLetteringOnMessageExpiration: true);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly MemoryQueueJournal _journal = new();
    private readonly List<InProcessTransport> _transports = [];
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(1));

    private CancellationToken Cancellation => _guard.Token;

    public void Dispose()
    {
        foreach (var transport in _transports)
        {
            transport.Dispose();
        }

        _guard.Dispose();
    }

    [Fact]
    public async Task A_scheduled_message_survives_a_restart_and_stays_invisible_until_its_time()
    {
        await Start().SendAsync(Queue, new OutgoingMessage("m-1", "EscalationDue", "{}", ScheduledEnqueueTime: _clock.GetUtcNow().AddMinutes(5)), Cancellation);

        var restarted = Start();
        Assert.Empty(await restarted.ReceiveAsync(Queue, 10, TimeSpan.Zero, Cancellation));
        _clock.Advance(TimeSpan.FromMinutes(5));

        var due = Assert.Single(await restarted.ReceiveAsync(Queue, 10, TimeSpan.Zero, Cancellation));
        Assert.Equal("m-1", due.MessageId);
        Assert.Equal(_clock.GetUtcNow(), due.EnqueuedTime);
    }

    [Fact]
    public async Task A_message_whose_last_delivery_was_cut_short_by_a_crash_is_dead_lettered_on_restart()
    {
        var first = Start();
        await first.SendAsync(Queue, Message("m-1"), Cancellation);
        await first.AbandonAsync(Assert.Single(await first.ReceiveAsync(Queue, 1, TimeSpan.Zero, Cancellation)), Cancellation);
        Assert.Single(await first.ReceiveAsync(Queue, 1, TimeSpan.Zero, Cancellation));

        var restarted = Start();

        Assert.Empty(await restarted.ReceiveAsync(Queue, 10, TimeSpan.Zero, Cancellation));
        var deadLetter = Assert.Single(await restarted.PeekDeadLettersAsync(Queue, 10, Cancellation));
        Assert.Equal(DeadLetterReasons.MaxDeliveryCountExceeded, deadLetter.DeadLetterReason);
        Assert.Equal(2, deadLetter.DeliveryCount);
        // Written down, so a second restart finds it in the dead-letter queue without counting again.
        Assert.Single(await Start().PeekDeadLettersAsync(Queue, 10, Cancellation));
    }

    [Fact]
    public async Task A_settled_message_is_forgotten_once_its_duplicate_detection_window_has_passed()
    {
        var first = Start();
        await first.SendAsync(Queue, Message("m-1"), Cancellation);
        await first.CompleteAsync(Assert.Single(await first.ReceiveAsync(Queue, 1, TimeSpan.Zero, Cancellation)), Cancellation);
        Assert.Equal(1, _journal.Count);

        // The prune runs every five minutes; the window is ten.
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, _journal.Count);
        _clock.Advance(TimeSpan.FromMinutes(10));
        await Eventually.TrueAsync(() => _journal.Count == 0, "the settled row pruned");

        var restarted = Start();
        await restarted.SendAsync(Queue, Message("m-1"), Cancellation);
        Assert.Single(await restarted.ReceiveAsync(Queue, 10, TimeSpan.Zero, Cancellation));
    }

    [Fact]
    public async Task A_send_the_journal_did_not_record_fails_and_delivers_nothing()
    {
        var transport = new InProcessTransport([Description], _clock, new RefusingJournal(_journal));
        _transports.Add(transport);

        await Assert.ThrowsAsync<IOException>(() => transport.SendAsync(Queue, Message("m-1"), Cancellation));

        Assert.Empty(await transport.ReceiveAsync(Queue, 10, TimeSpan.Zero, Cancellation));
        Assert.Equal(0, _journal.Count);
    }

    private InProcessTransport Start()
    {
        var transport = new InProcessTransport([Description], _clock, _journal);
        _transports.Add(transport);
        return transport;
    }

    private static OutgoingMessage Message(string id) => new(id, "StageOpened", "{}");

    /// <summary>A store that is down for writes: every acceptance fails.</summary>
    private sealed class RefusingJournal(IQueueJournal inner) : IQueueJournal
    {
        public Task<IReadOnlyList<QueueJournalEntry>> LoadAsync(string queue, CancellationToken cancellationToken) => inner.LoadAsync(queue, cancellationToken);

        public Task<bool> TryAcceptAsync(string queue, QueueJournalEntry entry, TimeSpan duplicateWindow, CancellationToken cancellationToken) =>
            throw new IOException("The store refused the write.");

        public Task RecordDeliveriesAsync(string queue, IReadOnlyList<QueueDelivery> delivered, CancellationToken cancellationToken) => inner.RecordDeliveriesAsync(queue, delivered, cancellationToken);

        public Task RecordDeadLettersAsync(string queue, IReadOnlyList<QueueJournalEntry> deadLettered, CancellationToken cancellationToken) => inner.RecordDeadLettersAsync(queue, deadLettered, cancellationToken);

        public Task SettleAsync(string queue, string messageId, CancellationToken cancellationToken) => inner.SettleAsync(queue, messageId, cancellationToken);

        public Task PruneAsync(string queue, DateTimeOffset acceptedBefore, CancellationToken cancellationToken) => inner.PruneAsync(queue, acceptedBefore, cancellationToken);
    }
}
