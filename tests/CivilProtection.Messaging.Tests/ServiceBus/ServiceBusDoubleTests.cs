using Azure.Messaging.ServiceBus;
using CivilProtection.Application.Messaging;

namespace CivilProtection.Messaging.Tests.ServiceBus;

/// <summary>What the double does for the real, unmodified <see cref="ServiceBusClient"/>: Service Bus's queue semantics, over AMQP on loopback.</summary>
public sealed class ServiceBusDoubleTests(ServiceBusNamespaceFixture fixture) : IClassFixture<ServiceBusNamespaceFixture>, IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(5);
    private readonly string _queue = $"double-{Guid.NewGuid():N}"[..20];
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(1));
    private ServiceBusClient _client = null!;

    private CancellationToken Cancellation => _guard.Token;

    public async Task InitializeAsync()
    {
        await fixture.Namespace.CreateQueuesAsync([Describe(_queue)], Cancellation);
        _client = new ServiceBusClient(fixture.Namespace.ConnectionString);
    }

    public async Task DisposeAsync() => await _client.DisposeAsync();

    public void Dispose() => _guard.Dispose();

    [Fact]
    public async Task A_sent_message_is_received_locked_with_the_brokers_annotations_and_completed()
    {
        await using var sender = _client.CreateSender(_queue);
        await using var receiver = _client.CreateReceiver(_queue);
        var sentAt = DateTimeOffset.UtcNow;

        await sender.SendMessageAsync(new ServiceBusMessage("""{"stage":1}""") { MessageId = "m-1", Subject = "StageOpened", CorrelationId = "r-7", ContentType = "application/json", ApplicationProperties = { ["tenant"] = "MA" } }, Cancellation);
        var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5), Cancellation);

        Assert.NotNull(received);
        Assert.Equal("m-1", received.MessageId);
        Assert.Equal("StageOpened", received.Subject);
        Assert.Equal("r-7", received.CorrelationId);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal("MA", received.ApplicationProperties["tenant"]);
        Assert.Equal("""{"stage":1}""", received.Body.ToString());
        Assert.Equal(1, received.DeliveryCount);
        Assert.NotEqual(Guid.Empty.ToString(), received.LockToken);
        Assert.True(received.SequenceNumber > 0);
        Assert.InRange(received.EnqueuedTime, sentAt.AddSeconds(-2), DateTimeOffset.UtcNow.AddSeconds(2));
        Assert.InRange(received.LockedUntil, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow + LockDuration + TimeSpan.FromSeconds(1));
        Assert.Equal(ServiceBusMessageState.Active, received.State);

        await receiver.CompleteMessageAsync(received, Cancellation);
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300), Cancellation));
    }

    [Fact]
    public async Task Messages_sent_as_a_list_and_as_a_batch_are_each_received_once_in_order()
    {
        await using var sender = _client.CreateSender(_queue);
        await using var receiver = _client.CreateReceiver(_queue);

        await sender.SendMessagesAsync([new ServiceBusMessage("a") { MessageId = "a" }, new ServiceBusMessage("b") { MessageId = "b" }], Cancellation);
        using (var batch = await sender.CreateMessageBatchAsync(Cancellation))
        {
            Assert.True(batch.TryAddMessage(new ServiceBusMessage("c") { MessageId = "c" }));
            Assert.True(batch.TryAddMessage(new ServiceBusMessage("d") { MessageId = "d" }));
            Assert.True(batch.MaxSizeInBytes > 0);
            await sender.SendMessagesAsync(batch, Cancellation);
        }

        var received = await ReceiveAsync(receiver, 4);
        Assert.Equal(["a", "b", "c", "d"], received.Select(m => m.Body.ToString()));
        Assert.Equal(received.Select(m => m.SequenceNumber).Order(), received.Select(m => m.SequenceNumber));
        Assert.Equal(4, received.Select(m => m.LockToken).Distinct().Count());
    }

    [Fact]
    public async Task A_receive_and_delete_receiver_takes_the_message_away_without_settling()
    {
        await using var sender = _client.CreateSender(_queue);
        await using var receiver = _client.CreateReceiver(_queue, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        await using var other = _client.CreateReceiver(_queue);

        await sender.SendMessageAsync(new ServiceBusMessage("once"), Cancellation);

        Assert.Equal("once", (await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5), Cancellation))!.Body.ToString());
        Assert.Null(await other.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300), Cancellation));
    }

    [Fact]
    public async Task An_abandoned_message_comes_back_with_a_higher_delivery_count_and_the_properties_it_was_given()
    {
        await using var sender = _client.CreateSender(_queue);
        await using var receiver = _client.CreateReceiver(_queue);
        await sender.SendMessageAsync(new ServiceBusMessage("retry me"), Cancellation);

        var first = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5), Cancellation);
        await receiver.AbandonMessageAsync(first, new Dictionary<string, object> { ["attempt"] = 1 }, Cancellation);
        var second = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5), Cancellation);

        Assert.Equal(2, second!.DeliveryCount);
        Assert.Equal(1, second.ApplicationProperties["attempt"]);
        Assert.Equal(first!.SequenceNumber, second.SequenceNumber);
    }

    [Fact]
    public async Task A_dead_lettered_message_is_read_from_the_dead_letter_queue_with_its_reason_description_and_source()
    {
        await using var sender = _client.CreateSender(_queue);
        await using var receiver = _client.CreateReceiver(_queue);
        await using var deadLetters = _client.CreateReceiver(_queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        await sender.SendMessageAsync(new ServiceBusMessage("poison") { MessageId = "p-1" }, Cancellation);

        await receiver.DeadLetterMessageAsync((await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5), Cancellation))!, "UnknownStage", "Stage 9 does not exist.", Cancellation);
        var deadLetter = await deadLetters.ReceiveMessageAsync(TimeSpan.FromSeconds(5), Cancellation);

        Assert.Equal("p-1", deadLetter!.MessageId);
        Assert.Equal("UnknownStage", deadLetter.DeadLetterReason);
        Assert.Equal("Stage 9 does not exist.", deadLetter.DeadLetterErrorDescription);
        Assert.Equal(_queue, deadLetter.DeadLetterSource);
        await deadLetters.CompleteMessageAsync(deadLetter, Cancellation);
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300), Cancellation));
    }

    [Fact]
    public async Task A_deferred_message_is_received_only_by_its_sequence_number_and_then_settled()
    {
        await using var sender = _client.CreateSender(_queue);
        await using var receiver = _client.CreateReceiver(_queue);
        await sender.SendMessageAsync(new ServiceBusMessage("later"), Cancellation);
        var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5), Cancellation);

        await receiver.DeferMessageAsync(received!, cancellationToken: Cancellation);

        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300), Cancellation));
        Assert.Equal(ServiceBusMessageState.Deferred, (await receiver.PeekMessageAsync(received!.SequenceNumber, Cancellation))!.State);
        var deferred = await receiver.ReceiveDeferredMessageAsync(received.SequenceNumber, Cancellation);
        Assert.Equal("later", deferred.Body.ToString());
        Assert.Equal(2, deferred.DeliveryCount);
        await receiver.CompleteMessageAsync(deferred, Cancellation);
        await Assert.ThrowsAsync<ServiceBusException>(() => receiver.ReceiveDeferredMessageAsync(received.SequenceNumber, Cancellation));
    }

    [Fact]
    public async Task A_renewed_lock_outlives_the_lock_duration()
    {
        await using var sender = _client.CreateSender(_queue);
        await using var receiver = _client.CreateReceiver(_queue);
        await sender.SendMessageAsync(new ServiceBusMessage("slow work"), Cancellation);
        var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5), Cancellation);
        var firstLockedUntil = received!.LockedUntil;

        await Task.Delay(LockDuration * 0.6, Cancellation);
        await receiver.RenewMessageLockAsync(received, Cancellation);
        await Task.Delay(LockDuration * 0.6, Cancellation);

        Assert.True(received.LockedUntil > firstLockedUntil, "The lock was not extended.");
        await receiver.CompleteMessageAsync(received, Cancellation);
    }

    [Fact]
    public async Task Renewing_or_completing_an_expired_lock_is_refused_as_lock_lost()
    {
        await using var sender = _client.CreateSender(_queue);
        await using var receiver = _client.CreateReceiver(_queue);
        await sender.SendMessageAsync(new ServiceBusMessage("too slow"), Cancellation);
        var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5), Cancellation);

        await Task.Delay(LockDuration + TimeSpan.FromMilliseconds(500), Cancellation);

        var renewal = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.RenewMessageLockAsync(received!, Cancellation));
        Assert.Equal(ServiceBusFailureReason.MessageLockLost, renewal.Reason);
        var completion = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.CompleteMessageAsync(received!, Cancellation));
        Assert.Equal(ServiceBusFailureReason.MessageLockLost, completion.Reason);
        Assert.Equal(2, (await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5), Cancellation))!.DeliveryCount);
    }

    [Fact]
    public async Task A_message_abandoned_up_to_the_maximum_delivery_count_is_dead_lettered_as_Service_Bus_does()
    {
        await using var sender = _client.CreateSender(_queue);
        await using var receiver = _client.CreateReceiver(_queue);
        await using var deadLetters = _client.CreateReceiver(_queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        await sender.SendMessageAsync(new ServiceBusMessage("never works") { MessageId = "nw" }, Cancellation);

        for (var delivery = 1; delivery <= 3; delivery++)
        {
            await receiver.AbandonMessageAsync((await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5), Cancellation))!, cancellationToken: Cancellation);
        }

        var deadLetter = await deadLetters.ReceiveMessageAsync(TimeSpan.FromSeconds(5), Cancellation);
        Assert.Equal("nw", deadLetter!.MessageId);
        Assert.Equal("MaxDeliveryCountExceeded", deadLetter.DeadLetterReason);
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300), Cancellation));
    }

    [Fact]
    public async Task A_scheduled_message_appears_at_its_time_and_a_cancelled_one_never()
    {
        await using var sender = _client.CreateSender(_queue);
        await using var receiver = _client.CreateReceiver(_queue);
        var at = DateTimeOffset.UtcNow.AddSeconds(2);

        var kept = await sender.ScheduleMessageAsync(new ServiceBusMessage("kept"), at, Cancellation);
        var cancelled = await sender.ScheduleMessageAsync(new ServiceBusMessage("cancelled"), at, Cancellation);
        await sender.CancelScheduledMessageAsync(cancelled, Cancellation);

        Assert.Equal(ServiceBusMessageState.Scheduled, (await receiver.PeekMessageAsync(kept, Cancellation))!.State);
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500), Cancellation));
        var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5), Cancellation);
        Assert.Equal("kept", received!.Body.ToString());
        Assert.True(DateTimeOffset.UtcNow >= at, "The scheduled message came early.");
        Assert.Equal(at.ToUnixTimeMilliseconds(), received.ScheduledEnqueueTime.ToUnixTimeMilliseconds(), 1.0);
        await receiver.CompleteMessageAsync(received, Cancellation);
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500), Cancellation));
    }

    [Fact]
    public async Task A_message_id_sent_twice_within_the_window_is_kept_once()
    {
        await using var sender = _client.CreateSender(_queue);
        await using var receiver = _client.CreateReceiver(_queue);

        await sender.SendMessageAsync(new ServiceBusMessage("first") { MessageId = "same" }, Cancellation);
        await sender.SendMessageAsync(new ServiceBusMessage("second") { MessageId = "same" }, Cancellation);
        await sender.SendMessageAsync(new ServiceBusMessage("other") { MessageId = "other" }, Cancellation);

        Assert.Equal(["first", "other"], (await ReceiveAsync(receiver, 2)).Select(m => m.Body.ToString()));
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300), Cancellation));
    }

    [Fact]
    public async Task A_message_past_its_time_to_live_is_dead_lettered_as_expired()
    {
        await using var sender = _client.CreateSender(_queue);
        await using var receiver = _client.CreateReceiver(_queue);
        await using var deadLetters = _client.CreateReceiver(_queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });

        await sender.SendMessageAsync(new ServiceBusMessage("stale") { TimeToLive = TimeSpan.FromSeconds(1) }, Cancellation);
        await Task.Delay(TimeSpan.FromSeconds(1.5), Cancellation);

        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300), Cancellation));
        var expired = await deadLetters.ReceiveMessageAsync(TimeSpan.FromSeconds(5), Cancellation);
        Assert.Equal("stale", expired!.Body.ToString());
        Assert.Equal("TTLExpiredException", expired.DeadLetterReason);
    }

    [Fact]
    public async Task Peeking_reads_without_locking_from_a_sequence_number_on()
    {
        await using var sender = _client.CreateSender(_queue);
        await using var receiver = _client.CreateReceiver(_queue);
        await sender.SendMessagesAsync([new ServiceBusMessage("1"), new ServiceBusMessage("2"), new ServiceBusMessage("3")], Cancellation);

        var peeked = await receiver.PeekMessagesAsync(10, cancellationToken: Cancellation);
        var fromSecond = await receiver.PeekMessagesAsync(10, fromSequenceNumber: peeked[1].SequenceNumber, Cancellation);

        Assert.Equal(["1", "2", "3"], peeked.Select(m => m.Body.ToString()));
        Assert.All(peeked, m => Assert.Equal(0, m.DeliveryCount));
        Assert.Equal(["2", "3"], fromSecond.Select(m => m.Body.ToString()));
        Assert.Equal(3, (await ReceiveAsync(receiver, 3)).Count);
    }

    [Fact]
    public async Task The_processor_handles_messages_concurrently_and_renews_the_lock_of_a_slow_one()
    {
        await using var sender = _client.CreateSender(_queue);
        await using var processor = _client.CreateProcessor(_queue, new ServiceBusProcessorOptions { MaxConcurrentCalls = 4, MaxAutoLockRenewalDuration = TimeSpan.FromMinutes(1) });
        var handled = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var running = 0;
        var mostAtOnce = 0;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        processor.ProcessMessageAsync += async args =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, now);
            // One message takes longer than its lock: only renewal keeps it from coming back.
            await Task.Delay(args.Message.MessageId == "slow" ? LockDuration + TimeSpan.FromSeconds(1.5) : TimeSpan.FromMilliseconds(300), args.CancellationToken);
            Interlocked.Decrement(ref running);
            handled.AddOrUpdate(args.Message.MessageId, 1, (_, count) => count + 1);
            if (handled.Count == 8)
            {
                allDone.TrySetResult();
            }
        };
        processor.ProcessErrorAsync += _ => Task.CompletedTask;

        await sender.SendMessagesAsync(Enumerable.Range(0, 7).Select(i => new ServiceBusMessage($"{i}") { MessageId = $"m-{i}" }).Append(new ServiceBusMessage("slow") { MessageId = "slow" }), Cancellation);
        await processor.StartProcessingAsync(Cancellation);
        await allDone.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancellation);
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        await processor.StopProcessingAsync(Cancellation);

        Assert.Equal(8, handled.Count);
        Assert.All(handled, entry => Assert.True(entry.Value == 1, $"{entry.Key} was handled {entry.Value} times."));
        Assert.InRange(mostAtOnce, 2, 4);
        if (fixture.Namespace.IsDouble)
        {
            Assert.Equal(CivilProtection.ServiceBusDouble.EntityCounts.Empty, fixture.Namespace.ServiceBusDouble.CountMessages(_queue));
        }
    }

    [Fact]
    public async Task An_entity_that_does_not_exist_is_reported_as_not_found()
    {
        await using var sender = _client.CreateSender("no-such-queue");
        await using var receiver = _client.CreateReceiver("no-such-queue");

        var send = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage("lost"), Cancellation));
        var receive = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(1), Cancellation));

        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, send.Reason);
        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, receive.Reason);
    }

    private async Task<List<ServiceBusReceivedMessage>> ReceiveAsync(ServiceBusReceiver receiver, int count)
    {
        var received = new List<ServiceBusReceivedMessage>();
        while (received.Count < count)
        {
            var batch = await receiver.ReceiveMessagesAsync(count - received.Count, TimeSpan.FromSeconds(5), Cancellation);
            Assert.NotEmpty(batch);
            received.AddRange(batch);
        }

        return received;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static QueueDescription Describe(string name) =>
        new(name, LockDuration, MaxDeliveryCount: 3, DuplicateDetectionHistoryTimeWindow: TimeSpan.FromSeconds(20), DefaultMessageTimeToLive: TimeSpan.FromMinutes(5), DeadLetteringOnMessageExpiration: true);
}
