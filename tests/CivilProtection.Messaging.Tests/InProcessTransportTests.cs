using CivilProtection.Testing;
using System.Diagnostics;
using CivilProtection.Application.Messaging;
using CivilProtection.Infrastructure.Messaging;
using Microsoft.Extensions.Time.Testing;

namespace CivilProtection.Messaging.Tests;

/// <summary>What the in-process transport does beyond the contract: it is stricter than Service Bus promises, and it is built from the shared queue description.</summary>
public sealed class InProcessTransportTests : IDisposable
{
    private const string Queue = "work";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(1));
    private readonly InProcessTransport _transport;

    public InProcessTransportTests() => _transport = new InProcessTransport([Describe(Queue)], _clock, new MemoryQueueJournal());

    private CancellationToken Cancellation => _guard.Token;

    public void Dispose()
    {
        _transport.Dispose();
        _guard.Dispose();
    }

    [Fact]
    public async Task A_receive_takes_every_visible_message_up_to_the_maximum_at_once()
    {
        for (var i = 0; i < 5; i++)
        {
            await _transport.SendAsync(Queue, Message($"m-{i}"), Cancellation);
        }

        var batch = await _transport.ReceiveAsync(Queue, 3, TimeSpan.Zero, Cancellation);

        Assert.Equal(["m-0", "m-1", "m-2"], batch.Select(message => message.MessageId));
    }

    [Fact]
    public async Task An_abandoned_message_keeps_its_place_ahead_of_later_messages()
    {
        await _transport.SendAsync(Queue, Message("first"), Cancellation);
        await _transport.SendAsync(Queue, Message("second"), Cancellation);
        var first = Assert.Single(await _transport.ReceiveAsync(Queue, 1, TimeSpan.Zero, Cancellation));

        await _transport.AbandonAsync(first, Cancellation);

        Assert.Equal("first", Assert.Single(await _transport.ReceiveAsync(Queue, 1, TimeSpan.Zero, Cancellation)).MessageId);
    }

    [Fact]
    public async Task Receivers_waiting_together_are_served_in_the_order_they_came()
    {
        var earlier = _transport.ReceiveAsync(Queue, 1, Patience, Cancellation);
        var later = _transport.ReceiveAsync(Queue, 1, Patience, Cancellation);

        await _transport.SendAsync(Queue, Message("m-1"), Cancellation);

        var received = Assert.Single(await earlier.WaitAsync(Patience, Cancellation));
        Assert.Equal("m-1", received.MessageId);
        Assert.False(later.IsCompleted, "The later receiver got something although only one message was sent.");
        // Settled first: otherwise moving the clock past the lock would rightly hand m-1 to the later receiver.
        await _transport.CompleteAsync(received, Cancellation);
        _clock.Advance(Patience);
        Assert.Empty(await later.WaitAsync(Patience, Cancellation));
    }

    [Fact]
    public async Task A_receive_without_a_time_limit_waits_until_a_message_comes()
    {
        var waiting = _transport.ReceiveAsync(Queue, 1, Timeout.InfiniteTimeSpan, Cancellation);

        _clock.Advance(TimeSpan.FromDays(30));
        Assert.False(waiting.IsCompleted, "A receive without a time limit returned empty.");
        await _transport.SendAsync(Queue, Message("m-1"), Cancellation);

        Assert.Single(await waiting.WaitAsync(Patience, Cancellation));
    }

    [Fact]
    public async Task A_message_that_expires_on_a_queue_without_dead_lettering_is_dropped()
    {
        using var transport = new InProcessTransport([Describe(Queue) with { DeadLetteringOnMessageExpiration = false }], _clock, new MemoryQueueJournal());
        await transport.SendAsync(Queue, Message("m-1"), Cancellation);

        _clock.Advance(TimeSpan.FromHours(2));

        Assert.Empty(await transport.ReceiveAsync(Queue, 1, TimeSpan.Zero, Cancellation));
        Assert.Empty(await transport.PeekDeadLettersAsync(Queue, 10, Cancellation));
    }

    [Fact]
    public async Task The_lifetime_of_a_scheduled_message_starts_when_it_becomes_visible()
    {
        await _transport.SendAsync(Queue, Message("m-1") with { ScheduledEnqueueTime = _clock.GetUtcNow() + TimeSpan.FromHours(3) }, Cancellation);

        _clock.Advance(TimeSpan.FromHours(3.5));

        var received = Assert.Single(await _transport.ReceiveAsync(Queue, 1, TimeSpan.Zero, Cancellation));
        Assert.Equal(_clock.GetUtcNow() - TimeSpan.FromHours(0.5), received.EnqueuedTime);
    }

    [Fact]
    public async Task The_queues_of_the_shared_description_are_ready_to_use()
    {
        using var transport = new InProcessTransport(QueueDescription.Embedded, _clock, new MemoryQueueJournal());

        await transport.SendAsync(Queues.ApprovalRouting, Message("m-1"), Cancellation);
        await transport.SendAsync(Queues.RequestEvents, Message("m-2"), Cancellation);

        Assert.Equal("m-1", Assert.Single(await transport.ReceiveAsync(Queues.ApprovalRouting, 10, TimeSpan.Zero, Cancellation)).MessageId);
        Assert.Equal("m-2", Assert.Single(await transport.ReceiveAsync(Queues.RequestEvents, 10, TimeSpan.Zero, Cancellation)).MessageId);
    }

    [Fact]
    public async Task The_refusal_of_an_unknown_queue_names_the_known_queues()
    {
        var refusal = await Assert.ThrowsAsync<QueueNotFoundException>(() => _transport.SendAsync("wrok", Message("m-1"), Cancellation));

        Assert.Contains("'wrok'", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(Queue, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describing_a_queue_twice_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new InProcessTransport([Describe(Queue), Describe(Queue)], _clock, new MemoryQueueJournal()));
    }

    [Fact]
    public async Task A_receive_for_no_messages_or_a_negative_wait_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _transport.ReceiveAsync(Queue, 0, TimeSpan.Zero, Cancellation));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _transport.ReceiveAsync(Queue, 1, TimeSpan.FromSeconds(-1), Cancellation));
    }

    [Fact]
    public async Task Disposing_the_transport_sends_waiting_receivers_away_empty_handed()
    {
        using var transport = new InProcessTransport([Describe(Queue)], _clock, new MemoryQueueJournal());
        var waiting = transport.ReceiveAsync(Queue, 1, Patience, Cancellation);

        transport.Dispose();

        Assert.Empty(await waiting.WaitAsync(Patience, Cancellation));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => transport.SendAsync(Queue, Message("m-1"), Cancellation));
    }

    [Fact]
    public async Task A_burst_of_twenty_thousand_messages_passes_through_within_seconds()
    {
        const int count = 20_000;
        var transport = new InProcessTransport([Describe(Queue)], TimeProvider.System, new MemoryQueueJournal());
        using (transport)
        {
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                await transport.SendAsync(Queue, Message($"m-{i}"), Cancellation);
            }

            var settled = 0;
            while (settled < count)
            {
                foreach (var message in await transport.ReceiveAsync(Queue, 100, TimeSpan.FromSeconds(1), Cancellation))
                {
                    await transport.CompleteAsync(message, Cancellation);
                    settled++;
                }
            }

            // Thousands of messages a second is the need; a generous bound keeps a busy machine from failing it.
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"{count} messages took {stopwatch.Elapsed}.");
        }
    }

    private static QueueDescription Describe(string name) =>
        new(name, TimeSpan.FromSeconds(30), 3, TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), DeadLetteringOnMessageExpiration: true);

    private static OutgoingMessage Message(string messageId) => new(messageId, "StageOpened", """{"stage":1}""");
}
