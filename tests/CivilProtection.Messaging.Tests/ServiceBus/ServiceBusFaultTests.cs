using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using CivilProtection.Application.Messaging;
using CivilProtection.Application.Workflow;
using CivilProtection.Infrastructure.Messaging;
using Microsoft.Extensions.Logging.Abstractions;
using LoopbackDouble = CivilProtection.ServiceBusDouble.ServiceBusDouble;

namespace CivilProtection.Messaging.Tests.ServiceBus;

/// <summary>The Service Bus adapter and the pump against a double that drops connections, refuses tokens and answers slowly: nothing is lost.</summary>
/// <remarks>Always on the double, whatever <c>CP_SERVICEBUS_CONNECTION_STRING</c> says: a real namespace cannot be told to fail.</remarks>
public sealed class ServiceBusFaultTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(5);
    private readonly string _queue = $"faults-{Guid.NewGuid():N}"[..20];
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(1));
    private LoopbackDouble _double = null!;
    private ServiceBusTransport _transport = null!;

    private CancellationToken Cancellation => _guard.Token;

    public Task InitializeAsync()
    {
        _double = LoopbackDouble.Start([new QueueDescription(_queue, LockDuration, 5, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), true)]);
        _transport = ServiceBusTransport.Create(new ServiceBusTransportOptions { ConnectionString = _double.ConnectionString });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _transport.DisposeAsync();
        await _double.DisposeAsync();
    }

    public void Dispose() => _guard.Dispose();

    [Fact]
    public async Task A_message_whose_connection_dropped_before_completion_is_completed_exactly_once()
    {
        await _transport.SendAsync(_queue, Message("m-1"), Cancellation);
        var received = Assert.Single(await _transport.ReceiveAsync(_queue, 1, TimeSpan.FromSeconds(5), Cancellation));

        _double.Faults.DropConnections();

        // Either the SDK knows the delivery died with its link and says the lock is lost (the pump then leaves the message
        // to come back when the lock expires), or it settles it through $management on a new connection while the lock holds.
        try
        {
            await _transport.CompleteAsync(received, Cancellation);
        }
        catch (MessageLockLostException)
        {
            var again = Assert.Single(await _transport.ReceiveAsync(_queue, 1, LockDuration * 2, Cancellation));
            Assert.Equal("m-1", again.MessageId);
            Assert.Equal(2, again.DeliveryCount);
            await _transport.CompleteAsync(again, Cancellation);
        }

        Assert.Empty(await _transport.ReceiveAsync(_queue, 1, LockDuration + TimeSpan.FromSeconds(1), Cancellation));
        Assert.Equal(CivilProtection.ServiceBusDouble.EntityCounts.Empty, _double.CountMessages(_queue));
    }

    [Fact]
    public async Task A_connection_dropped_mid_receive_loses_no_message()
    {
        var ids = Enumerable.Range(0, 5).Select(i => $"m-{i}").ToList();
        foreach (var id in ids)
        {
            await _transport.SendAsync(_queue, Message(id), Cancellation);
        }

        // The connection goes right after the second delivery: what was in flight comes back when its lock expires.
        _double.Faults.DropConnectionAfterDeliveries(2);
        var completed = await ReceiveAndCompleteUntilAsync(ids.Count, TimeSpan.FromSeconds(30));

        Assert.Equal(ids, completed.Keys.Order());
        Assert.Equal(CivilProtection.ServiceBusDouble.EntityCounts.Empty, _double.CountMessages(_queue));
    }

    [Fact]
    public async Task A_refused_token_is_retried_by_the_SDK_and_tokens_refused_for_good_fail_only_the_calls_made_meanwhile()
    {
        _double.Faults.RefusePutTokens(1);
        await _transport.SendAsync(_queue, Message("m-1"), Cancellation);

        // Few, quick retries, so the refusals exhaust them fast.
        await using var client = new ServiceBusClient(_double.ConnectionString, new ServiceBusClientOptions
        {
            RetryOptions = new ServiceBusRetryOptions { Delay = TimeSpan.FromMilliseconds(50), MaxRetries = 1 },
        });
        await using var other = new ServiceBusTransport(client);
        _double.Faults.RefusePutTokens(int.MaxValue);
        var refused = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => other.SendAsync(_queue, Message("m-2"), Cancellation));
        _double.Faults.Reset();
        await other.SendAsync(_queue, Message("m-3"), Cancellation);

        Assert.Contains("refused", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["m-1", "m-3"], (await _transport.ReceiveAsync(_queue, 10, TimeSpan.FromSeconds(5), Cancellation)).Select(m => m.MessageId).Order());
    }

    [Fact]
    public async Task Slow_answers_slow_every_operation_down_but_fail_none()
    {
        _double.Faults.ResponseDelay = TimeSpan.FromMilliseconds(700);

        await _transport.SendAsync(_queue, Message("m-1"), Cancellation);
        var received = Assert.Single(await _transport.ReceiveAsync(_queue, 1, TimeSpan.FromSeconds(5), Cancellation));
        await _transport.CompleteAsync(received, Cancellation);

        _double.Faults.Reset();
        Assert.Equal(CivilProtection.ServiceBusDouble.EntityCounts.Empty, _double.CountMessages(_queue));
    }

    [Fact]
    public async Task A_send_answered_after_the_try_timeout_is_retried_and_kept_once_by_duplicate_detection()
    {
        await using var client = new ServiceBusClient(_double.ConnectionString, new ServiceBusClientOptions
        {
            RetryOptions = new ServiceBusRetryOptions { TryTimeout = TimeSpan.FromSeconds(1), Delay = TimeSpan.FromMilliseconds(100), MaxRetries = 5 },
        });
        await using var transport = new ServiceBusTransport(client);
        await transport.SendAsync(_queue, Message("warm-up"), Cancellation);
        await transport.CompleteAsync(Assert.Single(await transport.ReceiveAsync(_queue, 1, TimeSpan.FromSeconds(5), Cancellation)), Cancellation);

        // The first try is stored but answered too late; the SDK sends again, and the copy is dropped as a duplicate.
        _double.Faults.ResponseDelay = TimeSpan.FromSeconds(1.5);
        var sending = transport.SendAsync(_queue, Message("m-1"), Cancellation);
        await Task.Delay(TimeSpan.FromSeconds(1.2), Cancellation);
        _double.Faults.Reset();
        await sending;

        Assert.Equal("m-1", Assert.Single(await transport.ReceiveAsync(_queue, 10, TimeSpan.FromSeconds(5), Cancellation)).MessageId);
        Assert.Empty(await transport.ReceiveAsync(_queue, 10, TimeSpan.FromMilliseconds(500), Cancellation));
    }

    [Fact]
    public async Task The_pump_handles_every_message_while_connections_drop_and_tokens_are_refused()
    {
        var handler = new CountingHandler(_queue);
        var pump = new MessagePump([handler], _transport, NullLogger<MessagePump>.Instance) { BatchSize = 4 };
        using var stopPump = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var pumping = pump.RunAsync(TimeSpan.FromSeconds(1), stopPump.Token);
        var ids = Enumerable.Range(0, 20).Select(i => $"m-{i:00}").ToList();

        foreach (var id in ids)
        {
            await _transport.SendAsync(_queue, Message(id), Cancellation);
            if (id.EndsWith('5'))
            {
                _double.Faults.DropConnections();
                _double.Faults.RefusePutTokens(1);
            }
        }

        await WaitUntilAsync(() => ids.All(handler.Handled.ContainsKey) && _double.CountMessages(_queue) == CivilProtection.ServiceBusDouble.EntityCounts.Empty, TimeSpan.FromSeconds(40));
        await stopPump.CancelAsync();
        await pumping;

        Assert.Equal(ids, handler.Handled.Keys.Order());
    }

    private async Task<ConcurrentDictionary<string, int>> ReceiveAndCompleteUntilAsync(int count, TimeSpan patience)
    {
        var completed = new ConcurrentDictionary<string, int>();
        var until = DateTime.UtcNow + patience;
        while (completed.Count < count)
        {
            Assert.True(DateTime.UtcNow < until, $"Only {completed.Count} of {count} messages were completed within {patience}.");
            IReadOnlyList<ReceivedMessage> batch;
            try
            {
                batch = await _transport.ReceiveAsync(_queue, 10, TimeSpan.FromSeconds(1), Cancellation);
            }
            catch (ServiceBusException exception) when (exception.IsTransient)
            {
                continue;
            }

            foreach (var message in batch)
            {
                try
                {
                    await _transport.CompleteAsync(message, Cancellation);
                    completed.AddOrUpdate(message.MessageId, 1, (_, times) => times + 1);
                }
                catch (MessageLockLostException)
                {
                    // Received on the dropped link: it comes back when its lock expires.
                }
            }
        }

        return completed;
    }

    private async Task WaitUntilAsync(Func<bool> condition, TimeSpan patience)
    {
        var until = DateTime.UtcNow + patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"Not done within {patience}: {_double.CountMessages(_queue)}.");
            await Task.Delay(100, Cancellation);
        }
    }

    private static OutgoingMessage Message(string id) => new(id, "StageOpened", """{"stage":1}""");

    /// <summary>Counts how often each message is handled; it never fails.</summary>
    private sealed class CountingHandler(string queue) : IMessageHandler
    {
        public ConcurrentDictionary<string, int> Handled { get; } = new();

        public string Queue => queue;

        public Task<HandlingResult> HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
        {
            Handled.AddOrUpdate(message.MessageId, 1, (_, times) => times + 1);
            return Task.FromResult(HandlingResult.Done);
        }
    }
}
