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

    private static QueueDescription Describe(string name) =>
        new(name, LockDuration, MaxDeliveryCount: 3, DuplicateDetectionHistoryTimeWindow: TimeSpan.FromSeconds(20), DefaultMessageTimeToLive: TimeSpan.FromMinutes(5), DeadLetteringOnMessageExpiration: true);
}
