using System.Collections.Concurrent;
using CivilProtection.Application.Messaging;
using CivilProtection.Infrastructure.Messaging;

namespace CivilProtection.Messaging.Tests;

/// <summary>What every <see cref="IMessageTransport"/> must do, written once: a subclass supplies the transport under test and the clock it runs on.</summary>
/// <remarks>
/// A transport on a fake clock advances it in <see cref="AdvanceTimeAsync"/>; a transport on real time (Service Bus, or a
/// double of it) waits the time out there and overrides <see cref="Settings"/> with <see cref="ContractQueueSettings.RealClock"/>.
/// Assertions avoid what Service Bus does not promise (a receive is not bound to return every available message at once).
/// </remarks>
public abstract class MessageTransportContract : IAsyncLifetime, IDisposable
{
    // A guard against a hung test, on real time whatever clock the transport uses.
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(2));
    private readonly List<IMessageTransport> _abandoned = [];
    private IMessageTransport? _transport;

    protected MessageTransportContract()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        Queue = $"contract-{suffix}";
        OtherQueue = $"contract-other-{suffix}";
    }

    /// <summary>The queue settings the tests run with.</summary>
    protected virtual ContractQueueSettings Settings => ContractQueueSettings.FakeClock;

    /// <summary>The longest a test waits for something it expects to happen, in real time.</summary>
    protected virtual TimeSpan Patience => TimeSpan.FromSeconds(30);

    /// <summary>The time as the transport under test sees it.</summary>
    protected abstract DateTimeOffset Now { get; }

    protected string Queue { get; }

    protected string OtherQueue { get; }

    protected IMessageTransport Transport => _transport ?? throw new InvalidOperationException("The transport is created in InitializeAsync.");

    protected CancellationToken Cancellation => _guard.Token;

    /// <summary>Creates the transport under test with these queues.</summary>
    protected abstract Task<IMessageTransport> CreateTransportAsync(IReadOnlyList<QueueDescription> queues, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the transport a restarted process would: a new instance over the same broker or store, with the queues of
    /// <see cref="CreateTransportAsync"/>. The old instance is left as a killed process leaves it, never settled nor shut down.
    /// </summary>
    protected abstract Task<IMessageTransport> CreateTransportAfterCrashAsync(CancellationToken cancellationToken);

    /// <summary>Lets time pass for the transport: a fake clock jumps ahead, a real one is waited out.</summary>
    protected abstract Task AdvanceTimeAsync(TimeSpan by, CancellationToken cancellationToken);

    public async Task InitializeAsync() =>
        _transport = await CreateTransportAsync([Describe(Queue), Describe(OtherQueue)], Cancellation);

    public async Task DisposeAsync()
    {
        // The instances a crash left behind are released only now, after the test: a killed process runs no clean-up.
        foreach (var transport in _abandoned.Append(_transport))
        {
            switch (transport)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    /// <summary>As if the process died now and started again: the transport is replaced by a new one over the same broker or store.</summary>
    protected async Task CrashAndRestartAsync()
    {
        _abandoned.Add(Transport);
        _transport = await CreateTransportAfterCrashAsync(Cancellation);
    }

    public void Dispose()
    {
        _guard.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_sent_message_is_received_locked_with_its_content()
    {
        var sentAfter = Now;
        await Transport.SendAsync(Queue, new OutgoingMessage("m-1", "StageOpened", """{"stage":1}""", "request-7"), Cancellation);

        var received = Assert.Single(await ReceiveExpectingAsync(1));

        Assert.Equal(Queue, received.Queue);
        Assert.Equal("m-1", received.MessageId);
        Assert.Equal("StageOpened", received.Subject);
        Assert.Equal("""{"stage":1}""", received.Body);
        Assert.Equal("request-7", received.CorrelationId);
        Assert.Equal(1, received.DeliveryCount);
        Assert.False(string.IsNullOrEmpty(received.LockToken));
        // A broker's clock may differ a little from ours.
        Assert.InRange(received.EnqueuedTime, sentAfter - TimeSpan.FromSeconds(5), Now + TimeSpan.FromSeconds(5));
        Assert.Null(received.DeadLetterReason);
    }

    [Fact]
    public async Task A_receive_returns_no_more_than_the_requested_number_of_messages()
    {
        await SendManyAsync(Queue, 5);

        var batches = new List<IReadOnlyList<ReceivedMessage>>();
        while (batches.Sum(batch => batch.Count) < 5)
        {
            var batch = await Transport.ReceiveAsync(Queue, 3, Settings.ShortWait, Cancellation);
            Assert.NotEmpty(batch);
            batches.Add(batch);
        }

        Assert.All(batches, batch => Assert.InRange(batch.Count, 1, 3));
        Assert.Equal(5, batches.SelectMany(batch => batch).Select(message => message.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task A_completed_message_is_not_delivered_again()
    {
        await Transport.SendAsync(Queue, Message("m-1"), Cancellation);
        var received = Assert.Single(await ReceiveExpectingAsync(1));

        await Transport.CompleteAsync(received, Cancellation);
        await AdvanceTimeAsync(Settings.LockDuration + TimeSpan.FromSeconds(1), Cancellation);

        Assert.Empty(await ReceiveNowAsync(Queue));
    }

    [Fact]
    public async Task Abandoned_message_is_delivered_again_with_a_higher_delivery_count()
    {
        await Transport.SendAsync(Queue, Message("m-1"), Cancellation);
        var first = Assert.Single(await ReceiveExpectingAsync(1));

        await Transport.AbandonAsync(first, Cancellation);

        var second = Assert.Single(await ReceiveExpectingAsync(1));
        Assert.Equal("m-1", second.MessageId);
        Assert.Equal(first.DeliveryCount + 1, second.DeliveryCount);
        Assert.NotEqual(first.LockToken, second.LockToken);
    }

    [Fact]
    public async Task A_dead_lettered_message_is_readable_in_the_dead_letter_queue_with_its_reason_and_description()
    {
        await Transport.SendAsync(Queue, new OutgoingMessage("m-1", "StageOpened", """{"stage":1}""", "request-7"), Cancellation);
        var received = Assert.Single(await ReceiveExpectingAsync(1));

        await Transport.DeadLetterAsync(received, "UnknownStage", "Stage 1 does not exist.", Cancellation);

        var deadLetter = Assert.Single(await Transport.PeekDeadLettersAsync(Queue, 10, Cancellation));
        Assert.Equal("m-1", deadLetter.MessageId);
        Assert.Equal("StageOpened", deadLetter.Subject);
        Assert.Equal("""{"stage":1}""", deadLetter.Body);
        Assert.Equal("request-7", deadLetter.CorrelationId);
        Assert.Equal("UnknownStage", deadLetter.DeadLetterReason);
        Assert.Equal("Stage 1 does not exist.", deadLetter.DeadLetterDescription);
        Assert.Empty(await ReceiveNowAsync(Queue));
    }

    [Fact]
    public async Task Peeking_dead_letters_returns_no_more_than_requested_and_leaves_them_there()
    {
        await SendManyAsync(Queue, 3);
        foreach (var received in await ReceiveExpectingAsync(3))
        {
            await Transport.DeadLetterAsync(received, "Poison", "Cannot be handled.", Cancellation);
        }

        Assert.Equal(2, (await Transport.PeekDeadLettersAsync(Queue, 2, Cancellation)).Count);
        Assert.Equal(3, (await Transport.PeekDeadLettersAsync(Queue, 10, Cancellation)).Count);
        Assert.Empty(await Transport.PeekDeadLettersAsync(OtherQueue, 10, Cancellation));
    }

    [Fact]
    public async Task A_message_delivered_more_often_than_the_maximum_delivery_count_is_dead_lettered()
    {
        await Transport.SendAsync(Queue, Message("m-1"), Cancellation);
        for (var delivery = 1; delivery <= Settings.MaxDeliveryCount; delivery++)
        {
            var received = Assert.Single(await ReceiveExpectingAsync(1));
            Assert.Equal(delivery, received.DeliveryCount);
            await Transport.AbandonAsync(received, Cancellation);
        }

        Assert.Empty(await ReceiveNowAsync(Queue));
        var deadLetter = Assert.Single(await Transport.PeekDeadLettersAsync(Queue, 10, Cancellation));
        Assert.Equal("m-1", deadLetter.MessageId);
        Assert.Equal(DeadLetterReasons.MaxDeliveryCountExceeded, deadLetter.DeadLetterReason);
    }

    [Fact]
    public async Task A_message_whose_lock_expires_is_delivered_again_with_a_higher_delivery_count()
    {
        await Transport.SendAsync(Queue, Message("m-1"), Cancellation);
        var first = Assert.Single(await ReceiveExpectingAsync(1));

        await AdvanceTimeAsync(Settings.LockDuration + TimeSpan.FromSeconds(1), Cancellation);

        var second = Assert.Single(await ReceiveExpectingAsync(1));
        Assert.Equal("m-1", second.MessageId);
        Assert.Equal(first.DeliveryCount + 1, second.DeliveryCount);
        Assert.NotEqual(first.LockToken, second.LockToken);
    }

    [Fact]
    public async Task A_message_is_invisible_while_locked()
    {
        await Transport.SendAsync(Queue, Message("m-1"), Cancellation);
        Assert.Single(await ReceiveExpectingAsync(1));

        await AdvanceTimeAsync(Settings.LockDuration / 2, Cancellation);

        Assert.Empty(await ReceiveNowAsync(Queue));
    }

    [Fact]
    public async Task A_waiting_receiver_gets_a_message_whose_lock_expired()
    {
        await Transport.SendAsync(Queue, Message("m-1"), Cancellation);
        Assert.Single(await ReceiveExpectingAsync(1));

        var waiting = Transport.ReceiveAsync(Queue, 1, Settings.LockDuration * 3, Cancellation);
        await AdvanceTimeAsync(Settings.LockDuration + TimeSpan.FromSeconds(1), Cancellation);

        var redelivered = Assert.Single(await waiting.WaitAsync(Patience, Cancellation));
        Assert.Equal("m-1", redelivered.MessageId);
        Assert.Equal(2, redelivered.DeliveryCount);
    }

    [Fact]
    public async Task Settling_a_message_whose_lock_expired_is_refused_as_lock_lost()
    {
        await Transport.SendAsync(Queue, Message("m-1"), Cancellation);
        var received = Assert.Single(await ReceiveExpectingAsync(1));

        await AdvanceTimeAsync(Settings.LockDuration + TimeSpan.FromSeconds(1), Cancellation);

        await Assert.ThrowsAsync<MessageLockLostException>(() => Transport.CompleteAsync(received, Cancellation));
    }

    [Fact]
    public async Task Completing_a_message_twice_is_refused_as_lock_lost()
    {
        await Transport.SendAsync(Queue, Message("m-1"), Cancellation);
        var received = Assert.Single(await ReceiveExpectingAsync(1));
        await Transport.CompleteAsync(received, Cancellation);

        await Assert.ThrowsAsync<MessageLockLostException>(() => Transport.CompleteAsync(received, Cancellation));
    }

    [Fact]
    public async Task Abandoning_or_dead_lettering_a_settled_message_is_refused_as_lock_lost()
    {
        await Transport.SendAsync(Queue, Message("m-1"), Cancellation);
        var received = Assert.Single(await ReceiveExpectingAsync(1));
        await Transport.CompleteAsync(received, Cancellation);

        await Assert.ThrowsAsync<MessageLockLostException>(() => Transport.AbandonAsync(received, Cancellation));
        await Assert.ThrowsAsync<MessageLockLostException>(() => Transport.DeadLetterAsync(received, "Poison", "Too late.", Cancellation));
    }

    [Fact]
    public async Task A_scheduled_message_is_invisible_until_its_time_then_delivered()
    {
        await Transport.SendAsync(Queue, Message("m-1") with { ScheduledEnqueueTime = Now + Settings.ScheduleAhead }, Cancellation);

        Assert.Empty(await ReceiveNowAsync(Queue));
        await AdvanceTimeAsync(Settings.ScheduleAhead + TimeSpan.FromSeconds(1), Cancellation);

        var received = Assert.Single(await ReceiveExpectingAsync(1));
        Assert.Equal("m-1", received.MessageId);
    }

    [Fact]
    public async Task A_waiting_receiver_gets_a_scheduled_message_when_it_falls_due()
    {
        await Transport.SendAsync(Queue, Message("m-1") with { ScheduledEnqueueTime = Now + Settings.ScheduleAhead }, Cancellation);

        var waiting = Transport.ReceiveAsync(Queue, 1, Settings.ScheduleAhead * 3, Cancellation);
        await AdvanceTimeAsync(Settings.ScheduleAhead + TimeSpan.FromSeconds(1), Cancellation);

        Assert.Equal("m-1", Assert.Single(await waiting.WaitAsync(Patience, Cancellation)).MessageId);
    }

    [Fact]
    public async Task A_message_scheduled_in_the_past_is_delivered_at_once()
    {
        await Transport.SendAsync(Queue, Message("m-1") with { ScheduledEnqueueTime = Now - TimeSpan.FromMinutes(1) }, Cancellation);

        Assert.Equal("m-1", Assert.Single(await ReceiveExpectingAsync(1)).MessageId);
    }

    [Fact]
    public async Task A_waiting_receiver_gets_a_message_sent_while_it_waits()
    {
        var waiting = Transport.ReceiveAsync(Queue, 10, Patience, Cancellation);

        await Transport.SendAsync(Queue, Message("m-1"), Cancellation);

        Assert.Equal("m-1", Assert.Single(await waiting.WaitAsync(Patience, Cancellation)).MessageId);
    }

    [Fact]
    public async Task A_waiting_receiver_gets_a_message_abandoned_by_another()
    {
        await Transport.SendAsync(Queue, Message("m-1"), Cancellation);
        var first = Assert.Single(await ReceiveExpectingAsync(1));
        var waiting = Transport.ReceiveAsync(Queue, 1, Patience, Cancellation);

        await Transport.AbandonAsync(first, Cancellation);

        Assert.Equal(2, Assert.Single(await waiting.WaitAsync(Patience, Cancellation)).DeliveryCount);
    }

    [Fact]
    public async Task A_receive_with_nothing_to_deliver_waits_up_to_its_maximum_wait_and_returns_empty()
    {
        var waiting = Transport.ReceiveAsync(Queue, 1, Settings.ShortWait, Cancellation);

        await AdvanceTimeAsync(Settings.ShortWait / 4, Cancellation);
        Assert.False(waiting.IsCompleted, "The receive returned before its maximum wait.");
        await AdvanceTimeAsync(Settings.ShortWait, Cancellation);

        Assert.Empty(await waiting.WaitAsync(Patience, Cancellation));
    }

    [Fact]
    public async Task Cancelling_a_waiting_receive_ends_it()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var waiting = Transport.ReceiveAsync(Queue, 1, Patience, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience, Cancellation));
    }

    [Fact]
    public async Task A_message_with_an_id_already_sent_within_the_duplicate_detection_window_is_dropped()
    {
        await Transport.SendAsync(Queue, Message("m-1") with { Body = """{"copy":1}""" }, Cancellation);
        await Transport.SendAsync(Queue, Message("m-1") with { Body = """{"copy":2}""" }, Cancellation);
        var received = Assert.Single(await ReceiveExpectingAsync(1));
        await Transport.CompleteAsync(received, Cancellation);

        // Detection remembers the id after the message is gone, until the window has passed.
        await AdvanceTimeAsync(Settings.DuplicateDetectionWindow / 2, Cancellation);
        await Transport.SendAsync(Queue, Message("m-1") with { Body = """{"copy":3}""" }, Cancellation);

        Assert.Equal("""{"copy":1}""", received.Body);
        Assert.Empty(await ReceiveNowAsync(Queue));
    }

    [Fact]
    public async Task A_message_with_an_id_sent_before_the_duplicate_detection_window_is_accepted()
    {
        await Transport.SendAsync(Queue, Message("m-1") with { Body = """{"copy":1}""" }, Cancellation);
        await Transport.CompleteAsync(Assert.Single(await ReceiveExpectingAsync(1)), Cancellation);

        await AdvanceTimeAsync(Settings.DuplicateDetectionWindow + TimeSpan.FromSeconds(1), Cancellation);
        await Transport.SendAsync(Queue, Message("m-1") with { Body = """{"copy":2}""" }, Cancellation);

        Assert.Equal("""{"copy":2}""", Assert.Single(await ReceiveExpectingAsync(1)).Body);
    }

    [Fact]
    public async Task Duplicate_detection_is_per_queue()
    {
        await Transport.SendAsync(Queue, Message("m-1"), Cancellation);
        await Transport.SendAsync(OtherQueue, Message("m-1"), Cancellation);

        Assert.Single(await ReceiveExpectingAsync(1));
        Assert.Single(await ReceiveExpectingAsync(1, OtherQueue));
    }

    [Fact]
    public async Task A_message_that_outlives_its_time_to_live_is_dead_lettered_as_expired()
    {
        await Transport.SendAsync(Queue, Message("m-1"), Cancellation);

        await AdvanceTimeAsync(Settings.TimeToLive + TimeSpan.FromSeconds(1), Cancellation);

        // As on Service Bus, expiry is noticed when a receiver reaches the message.
        Assert.Empty(await ReceiveNowAsync(Queue));
        var deadLetter = Assert.Single(await Transport.PeekDeadLettersAsync(Queue, 10, Cancellation));
        Assert.Equal("m-1", deadLetter.MessageId);
        Assert.Equal(DeadLetterReasons.TimeToLiveExpired, deadLetter.DeadLetterReason);
    }

    [Fact]
    public async Task Messages_sent_to_one_queue_are_not_received_from_another()
    {
        await Transport.SendAsync(OtherQueue, Message("m-1"), Cancellation);

        Assert.Empty(await ReceiveNowAsync(Queue));
        Assert.Equal("m-1", Assert.Single(await ReceiveExpectingAsync(1, OtherQueue)).MessageId);
    }

    [Fact]
    public async Task A_queue_that_does_not_exist_is_refused()
    {
        await Assert.ThrowsAsync<QueueNotFoundException>(() => Transport.SendAsync("no-such-queue", Message("m-1"), Cancellation));
        await Assert.ThrowsAsync<QueueNotFoundException>(() => Transport.ReceiveAsync("no-such-queue", 1, TimeSpan.Zero, Cancellation));
    }

    [Fact]
    public async Task A_message_sent_before_a_crash_is_delivered_once_after_the_restart()
    {
        await Transport.SendAsync(Queue, Message("m-1"), Cancellation);

        await CrashAndRestartAsync();

        var received = Assert.Single(await ReceiveExpectingAsync(1));
        Assert.Equal("m-1", received.MessageId);
        Assert.Equal(1, received.DeliveryCount);
        await Transport.CompleteAsync(received, Cancellation);
        await AdvanceTimeAsync(Settings.LockDuration + TimeSpan.FromSeconds(1), Cancellation);
        Assert.Empty(await ReceiveNowAsync(Queue));
    }

    [Fact]
    public async Task A_message_being_handled_when_the_process_is_killed_is_handled_once_after_the_restart()
    {
        await Transport.SendAsync(Queue, Message("m-1"), Cancellation);
        var interrupted = Assert.Single(await ReceiveExpectingAsync(1));

        await CrashAndRestartAsync();
        // The lock a dead process held ends with its lock duration at the latest.
        await AdvanceTimeAsync(Settings.LockDuration + TimeSpan.FromSeconds(1), Cancellation);

        var again = Assert.Single(await ReceiveExpectingAsync(1));
        Assert.Equal("m-1", again.MessageId);
        Assert.Equal(interrupted.DeliveryCount + 1, again.DeliveryCount);
        await Transport.CompleteAsync(again, Cancellation);
        await AdvanceTimeAsync(Settings.LockDuration + TimeSpan.FromSeconds(1), Cancellation);
        Assert.Empty(await ReceiveNowAsync(Queue));

        await CrashAndRestartAsync();
        Assert.Empty(await ReceiveNowAsync(Queue));
    }

    [Fact]
    public async Task A_completed_message_sent_again_after_a_restart_within_the_duplicate_detection_window_is_dropped()
    {
        await Transport.SendAsync(Queue, Message("m-1"), Cancellation);
        await Transport.CompleteAsync(Assert.Single(await ReceiveExpectingAsync(1)), Cancellation);

        await CrashAndRestartAsync();
        await Transport.SendAsync(Queue, Message("m-1"), Cancellation);
        await Transport.SendAsync(Queue, Message("m-2"), Cancellation);

        var received = Assert.Single(await ReceiveExpectingAsync(1));
        Assert.Equal("m-2", received.MessageId);
        await Transport.CompleteAsync(received, Cancellation);
        Assert.Empty(await ReceiveNowAsync(Queue));
    }

    [Fact]
    public async Task Dead_letters_and_delivery_counts_survive_a_restart()
    {
        await Transport.SendAsync(Queue, new OutgoingMessage("m-1", "StageOpened", """{"stage":1}""", "request-7"), Cancellation);
        await Transport.SendAsync(Queue, Message("m-2"), Cancellation);
        var received = await ReceiveExpectingAsync(2);
        await Transport.DeadLetterAsync(received.Single(m => m.MessageId == "m-1"), "UnknownStage", "Stage 1 does not exist.", Cancellation);
        await Transport.AbandonAsync(received.Single(m => m.MessageId == "m-2"), Cancellation);
        var secondDelivery = Assert.Single(await ReceiveExpectingAsync(1));
        await Transport.AbandonAsync(secondDelivery, Cancellation);

        await CrashAndRestartAsync();

        var deadLetter = Assert.Single(await Transport.PeekDeadLettersAsync(Queue, 10, Cancellation));
        Assert.Equal("m-1", deadLetter.MessageId);
        Assert.Equal("request-7", deadLetter.CorrelationId);
        Assert.Equal("UnknownStage", deadLetter.DeadLetterReason);
        Assert.Equal("Stage 1 does not exist.", deadLetter.DeadLetterDescription);
        // m-2 had two deliveries of the maximum three: its third is its last, and an abandon then dead-letters it.
        var third = Assert.Single(await ReceiveExpectingAsync(1));
        Assert.Equal("m-2", third.MessageId);
        Assert.Equal(3, third.DeliveryCount);
        await Transport.AbandonAsync(third, Cancellation);
        Assert.Equal(["m-1", "m-2"], (await Transport.PeekDeadLettersAsync(Queue, 10, Cancellation)).Select(m => m.MessageId).Order());
    }

    [Fact]
    public async Task A_replayed_dead_letter_is_delivered_again_under_its_replay_id_and_leaves_the_dead_letter_queue()
    {
        await Transport.SendAsync(Queue, new OutgoingMessage("m-1", "StageOpened", """{"stage":1}""", "request-7"), Cancellation);
        await Transport.DeadLetterAsync(Assert.Single(await ReceiveExpectingAsync(1)), "UnknownStage", "Stage 1 does not exist.", Cancellation);
        var deadLetter = Assert.Single(await Transport.PeekDeadLettersAsync(Queue, 10, Cancellation));

        Assert.True(await Transport.ReplayDeadLetterAsync(Queue, deadLetter.SequenceNumber, Cancellation));

        var replayed = Assert.Single(await ReceiveExpectingAsync(1));
        Assert.Equal(DeadLetterReplay.MessageIdOf("m-1", deadLetter.SequenceNumber), replayed.MessageId);
        Assert.Equal("StageOpened", replayed.Subject);
        Assert.Equal("""{"stage":1}""", replayed.Body);
        Assert.Equal("request-7", replayed.CorrelationId);
        Assert.Equal(1, replayed.DeliveryCount);
        Assert.Null(replayed.DeadLetterReason);
        Assert.Empty(await Transport.PeekDeadLettersAsync(Queue, 10, Cancellation));
        Assert.False(await Transport.ReplayDeadLetterAsync(Queue, deadLetter.SequenceNumber, Cancellation));
        await Transport.CompleteAsync(replayed, Cancellation);
    }

    [Fact]
    public async Task A_discarded_dead_letter_is_gone_for_good_and_the_others_stay()
    {
        await SendManyAsync(Queue, 3);
        foreach (var message in await ReceiveExpectingAsync(3))
        {
            await Transport.DeadLetterAsync(message, "Poison", "Cannot be handled.", Cancellation);
        }

        var deadLetters = await Transport.PeekDeadLettersAsync(Queue, 10, Cancellation);
        var discarded = deadLetters.Single(m => m.MessageId == "m-1");

        Assert.True(await Transport.DiscardDeadLetterAsync(Queue, discarded.SequenceNumber, Cancellation));
        Assert.False(await Transport.DiscardDeadLetterAsync(Queue, discarded.SequenceNumber, Cancellation));

        await CrashAndRestartAsync();
        Assert.Equal(["m-0", "m-2"], (await Transport.PeekDeadLettersAsync(Queue, 10, Cancellation)).Select(m => m.MessageId).Order());
        Assert.Empty(await ReceiveNowAsync(Queue));
    }

    [Fact]
    public async Task Concurrent_receivers_never_get_the_same_message_twice()
    {
        const int messageCount = 2000;
        const int receiverCount = 8;
        var deliveries = new ConcurrentDictionary<string, int>();
        var settled = 0;
        using var allSettled = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);

        async Task ReceiveUntilAllSettledAsync()
        {
            while (!allSettled.IsCancellationRequested)
            {
                IReadOnlyList<ReceivedMessage> batch;
                try
                {
                    batch = await Transport.ReceiveAsync(Queue, 16, Settings.ShortWait, allSettled.Token);
                }
                catch (OperationCanceledException) when (allSettled.IsCancellationRequested)
                {
                    return;
                }

                foreach (var message in batch)
                {
                    deliveries.AddOrUpdate(message.MessageId, 1, (_, count) => count + 1);
                    await Transport.CompleteAsync(message, Cancellation);
                }

                if (Interlocked.Add(ref settled, batch.Count) >= messageCount)
                {
                    await allSettled.CancelAsync();
                }
            }
        }

        var receivers = Enumerable.Range(0, receiverCount).Select(_ => Task.Run(ReceiveUntilAllSettledAsync)).ToList();
        var sending = Task.Run(() => SendManyAsync(Queue, messageCount));

        await sending.WaitAsync(Patience * 4, Cancellation);
        await Task.WhenAll(receivers).WaitAsync(Patience * 4, Cancellation);

        Assert.Equal(messageCount, deliveries.Count);
        Assert.All(deliveries, delivery => Assert.True(delivery.Value == 1, $"{delivery.Key} was delivered {delivery.Value} times."));
        Assert.Empty(await ReceiveNowAsync(Queue));
    }

    /// <summary>A queue with the contract's settings.</summary>
    protected QueueDescription Describe(string name) =>
        new(name, Settings.LockDuration, Settings.MaxDeliveryCount, Settings.DuplicateDetectionWindow, Settings.TimeToLive, DeadLetteringOnMessageExpiration: true);

    protected static OutgoingMessage Message(string messageId) => new(messageId, "StageOpened", """{"stage":1}""");

    protected async Task SendManyAsync(string queue, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Transport.SendAsync(queue, Message($"m-{i}"), Cancellation);
        }
    }

    /// <summary>Receives until <paramref name="count"/> messages have come, failing if they do not come within the test's patience.</summary>
    protected async Task<IReadOnlyList<ReceivedMessage>> ReceiveExpectingAsync(int count, string? queue = null)
    {
        var received = new List<ReceivedMessage>();
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        patience.CancelAfter(Patience);
        try
        {
            while (received.Count < count)
            {
                // A receive on a fake clock returns at once when a message is there, and cannot time out otherwise: the patience ends it.
                received.AddRange(await Transport.ReceiveAsync(queue ?? Queue, count - received.Count, Settings.ShortWait, patience.Token));
            }
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested && !Cancellation.IsCancellationRequested)
        {
            Assert.Fail($"Expected {count} message(s) on '{queue ?? Queue}' but {received.Count} came within {Patience}.");
        }

        return received;
    }

    /// <summary>What a receive finds without waiting.</summary>
    protected Task<IReadOnlyList<ReceivedMessage>> ReceiveNowAsync(string queue) =>
        Transport.ReceiveAsync(queue, 10, TimeSpan.Zero, Cancellation);
}
