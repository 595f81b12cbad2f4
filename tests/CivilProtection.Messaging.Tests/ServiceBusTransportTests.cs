using Azure.Messaging.ServiceBus;
using CivilProtection.Application.Messaging;
using CivilProtection.Infrastructure.Messaging;

namespace CivilProtection.Messaging.Tests;

/// <summary>How the Service Bus transport is built, configured and disposed, checked without reaching a namespace (clients connect only on first use).</summary>
public sealed class ServiceBusTransportTests
{
    private const string ConnectionString = "Endpoint=sb://civil-protection.servicebus.windows.net/;SharedAccessKeyName=test;SharedAccessKey=dGVzdA==";

    [Fact]
    public async Task Options_with_a_connection_string_create_a_client_for_its_namespace()
    {
        await using var transport = ServiceBusTransport.Create(new ServiceBusTransportOptions { ConnectionString = ConnectionString });

        Assert.Equal("civil-protection.servicebus.windows.net", transport.Client.FullyQualifiedNamespace);
    }

    [Fact]
    public async Task Options_with_a_namespace_create_a_client_for_it_with_the_credential()
    {
        await using var transport = ServiceBusTransport.Create(
            new ServiceBusTransportOptions { FullyQualifiedNamespace = "civil-protection.servicebus.windows.net" },
            new UnusedCredential());

        Assert.Equal("civil-protection.servicebus.windows.net", transport.Client.FullyQualifiedNamespace);
    }

    [Fact]
    public void Options_with_neither_a_connection_string_nor_a_namespace_are_refused()
    {
        var refusal = Assert.Throws<ArgumentException>(() => ServiceBusTransport.Create(new ServiceBusTransportOptions()));

        Assert.Contains("ServiceBus:ConnectionString", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("ServiceBus:FullyQualifiedNamespace", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_with_both_a_connection_string_and_a_namespace_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ServiceBusTransport.Create(new ServiceBusTransportOptions
        {
            ConnectionString = ConnectionString,
            FullyQualifiedNamespace = "civil-protection.servicebus.windows.net",
        }));
    }

    [Fact]
    public async Task Disposing_a_transport_closes_the_client_it_created()
    {
        var transport = ServiceBusTransport.Create(new ServiceBusTransportOptions { ConnectionString = ConnectionString });

        await transport.DisposeAsync();

        Assert.True(transport.Client.IsClosed);
    }

    [Fact]
    public async Task Disposing_a_transport_leaves_a_client_it_was_given_open()
    {
        await using var client = new ServiceBusClient(ConnectionString);
        var transport = new ServiceBusTransport(client);

        await transport.DisposeAsync();

        Assert.False(client.IsClosed);
    }

    [Fact]
    public async Task A_disposed_transport_refuses_to_send()
    {
        var transport = ServiceBusTransport.Create(new ServiceBusTransportOptions { ConnectionString = ConnectionString });
        await transport.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(
            () => transport.SendAsync(Queues.ApprovalRouting, new OutgoingMessage("m-1", "StageOpened", "{}"), CancellationToken.None));
    }

    [Fact]
    public async Task Settling_a_message_another_transport_received_is_refused()
    {
        await using var transport = ServiceBusTransport.Create(new ServiceBusTransportOptions { ConnectionString = ConnectionString });
        var foreign = new ReceivedMessage(Queues.ApprovalRouting, "m-1", "StageOpened", "{}", null, 1, DateTimeOffset.UnixEpoch, Guid.NewGuid().ToString());

        await Assert.ThrowsAsync<ArgumentException>(() => transport.CompleteAsync(foreign, CancellationToken.None));
    }

    [Fact]
    public void A_zero_wait_becomes_the_shortest_wait_service_bus_accepts()
    {
        Assert.Equal(ServiceBusTransport.ShortestWait, ServiceBusTransport.EffectiveWait(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(5), ServiceBusTransport.EffectiveWait(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void An_unlimited_wait_leaves_the_wait_to_service_bus_and_a_negative_one_is_refused()
    {
        Assert.Null(ServiceBusTransport.EffectiveWait(Timeout.InfiniteTimeSpan));
        Assert.Throws<ArgumentOutOfRangeException>(() => ServiceBusTransport.EffectiveWait(TimeSpan.FromSeconds(-2)));
    }
}
