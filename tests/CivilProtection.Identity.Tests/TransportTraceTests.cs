using CivilProtection.Testing;
using System.Diagnostics;
using CivilProtection.Application.Messaging;
using CivilProtection.Infrastructure.Messaging;
using ServiceBusDoubleBroker = CivilProtection.ServiceBusDouble.ServiceBusDouble;

namespace CivilProtection.Identity.Tests;

/// <summary>Both transports carry a message's W3C trace context from the sender to the receiver, and to its dead-letter copy.</summary>
public sealed class TransportTraceTests
{
    private static readonly string TraceParent = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01";

    [Fact]
    public async Task The_in_process_transport_carries_the_trace_context()
    {
        using var transport = new InProcessTransport(QueueDescription.Embedded, TimeProvider.System, new MemoryQueueJournal());

        var received = await AssertCarriedAsync(transport);

        Assert.Null(received.Single(m => m.MessageId == "m-untraced").TraceParent);
    }

    [Fact]
    public async Task Service_Bus_carries_the_trace_context_as_the_sdk_diagnostic_id()
    {
        await using var serviceBus = ServiceBusDoubleBroker.Start(QueueDescription.Embedded);
        await using var transport = ServiceBusTransport.Create(new ServiceBusTransportOptions { ConnectionString = serviceBus.ConnectionString });

        await AssertCarriedAsync(transport);
    }

    // Service Bus gives a message sent without a trace context one of its own (the SDK's), so only the traced one is compared there.
    private static async Task<IReadOnlyList<ReceivedMessage>> AssertCarriedAsync(IMessageTransport transport)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await transport.SendAsync(Queues.RequestEvents, new OutgoingMessage("m-traced", "request-changed", "{}", "r-1", TraceParent: TraceParent), timeout.Token);
        await transport.SendAsync(Queues.RequestEvents, new OutgoingMessage("m-untraced", "request-changed", "{}", "r-1"), timeout.Token);

        var received = new List<ReceivedMessage>();
        while (received.Count < 2)
        {
            received.AddRange(await transport.ReceiveAsync(Queues.RequestEvents, 10, TimeSpan.FromSeconds(5), timeout.Token));
        }

        Assert.Equal(TraceParent, received.Single(m => m.MessageId == "m-traced").TraceParent);
        var traced = received.Single(m => m.MessageId == "m-traced");
        await transport.DeadLetterAsync(traced, "Test", "checking the dead-letter copy", timeout.Token);
        await transport.CompleteAsync(received.Single(m => m.MessageId == "m-untraced"), timeout.Token);
        var deadLetters = await transport.PeekDeadLettersAsync(Queues.RequestEvents, 10, timeout.Token);
        Assert.Equal(TraceParent, deadLetters.Single(m => m.MessageId == "m-traced").TraceParent);
        return received;
    }
}
