using Azure.Messaging.ServiceBus;
using CivilProtection.Application.Messaging;
using CivilProtection.Infrastructure.Messaging;

namespace CivilProtection.Messaging.Tests;

/// <summary>How the Service Bus adapter converts messages and failures, checked without a namespace.</summary>
public sealed class ServiceBusMessageMappingTests
{
    [Fact]
    public void An_outgoing_message_becomes_a_json_message_with_its_ids_subject_and_utf8_body()
    {
        var converted = ServiceBusMessageMapping.ToServiceBusMessage(
            new OutgoingMessage("m-1", "StageOpened", """{"authority":"Protección Civil"}""", "request-7"));

        Assert.Equal("m-1", converted.MessageId);
        Assert.Equal("request-7", converted.CorrelationId);
        Assert.Equal("StageOpened", converted.Subject);
        Assert.Equal("application/json", converted.ContentType);
        Assert.Equal("""{"authority":"Protección Civil"}"""u8.ToArray(), converted.Body.ToArray());
        Assert.Equal(default, converted.ScheduledEnqueueTime);
    }

    [Fact]
    public void A_scheduled_outgoing_message_carries_its_enqueue_time_in_utc()
    {
        var inAthens = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.FromHours(2));

        var converted = ServiceBusMessageMapping.ToServiceBusMessage(
            new OutgoingMessage("m-1", "DeadlineReached", "{}", ScheduledEnqueueTime: inAthens));

        Assert.Equal(inAthens, converted.ScheduledEnqueueTime);
        Assert.Equal(TimeSpan.Zero, converted.ScheduledEnqueueTime.Offset);
    }

    [Fact]
    public void A_received_message_keeps_its_content_lock_and_native_message_for_settlement()
    {
        var lockToken = Guid.NewGuid();
        var enqueued = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var native = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString("""{"stage":1}"""),
            messageId: "m-1",
            correlationId: "request-7",
            subject: "StageOpened",
            lockTokenGuid: lockToken,
            deliveryCount: 2,
            enqueuedTime: enqueued);

        var received = ServiceBusMessageMapping.ToReceivedMessage("approval-routing", native);

        Assert.Equal("approval-routing", received.Queue);
        Assert.Equal("m-1", received.MessageId);
        Assert.Equal("StageOpened", received.Subject);
        Assert.Equal("""{"stage":1}""", received.Body);
        Assert.Equal("request-7", received.CorrelationId);
        Assert.Equal(2, received.DeliveryCount);
        Assert.Equal(enqueued, received.EnqueuedTime);
        Assert.Equal(lockToken.ToString(), received.LockToken);
        Assert.Null(received.DeadLetterReason);
        Assert.Same(native, received.Native);
    }

    [Fact]
    public void A_received_message_without_a_subject_has_an_empty_one()
    {
        var native = ServiceBusModelFactory.ServiceBusReceivedMessage(body: BinaryData.FromString("{}"), messageId: "m-1");

        Assert.Equal(string.Empty, ServiceBusMessageMapping.ToReceivedMessage("request-events", native).Subject);
    }

    [Fact]
    public void A_dead_lettered_message_keeps_its_reason_and_description()
    {
        var native = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString("{}"),
            messageId: "m-1",
            properties: new Dictionary<string, object>
            {
                ["DeadLetterReason"] = DeadLetterReasons.MaxDeliveryCountExceeded,
                ["DeadLetterErrorDescription"] = "Message could not be consumed after 10 delivery attempts.",
            });

        var received = ServiceBusMessageMapping.ToReceivedMessage("approval-routing", native);

        Assert.Equal(DeadLetterReasons.MaxDeliveryCountExceeded, received.DeadLetterReason);
        Assert.Equal("Message could not be consumed after 10 delivery attempts.", received.DeadLetterDescription);
    }

    [Fact]
    public void A_message_not_received_through_service_bus_cannot_be_settled_by_it()
    {
        var foreign = new ReceivedMessage("approval-routing", "m-1", "StageOpened", "{}", null, 1, DateTimeOffset.UnixEpoch, Guid.NewGuid().ToString());

        Assert.Throws<ArgumentException>(() => ServiceBusMessageMapping.NativeOf(foreign));
    }

    [Fact]
    public void A_lost_lock_becomes_the_ports_lock_lost_exception()
    {
        var failure = new ServiceBusException("The lock supplied is invalid.", ServiceBusFailureReason.MessageLockLost);

        var translated = Assert.IsType<MessageLockLostException>(ServiceBusMessageMapping.Translate(failure, "approval-routing"));

        Assert.Same(failure, translated.InnerException);
    }

    [Fact]
    public void A_missing_entity_becomes_the_ports_queue_not_found_exception()
    {
        var failure = new ServiceBusException("Not found.", ServiceBusFailureReason.MessagingEntityNotFound);

        var translated = Assert.IsType<QueueNotFoundException>(ServiceBusMessageMapping.Translate(failure, "approval-routng"));

        Assert.Contains("'approval-routng'", translated.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ServiceBusFailureReason.ServiceBusy)]
    [InlineData(ServiceBusFailureReason.ServiceTimeout)]
    [InlineData(ServiceBusFailureReason.QuotaExceeded)]
    public void Other_service_bus_failures_pass_through_unchanged(ServiceBusFailureReason reason)
    {
        Assert.Null(ServiceBusMessageMapping.Translate(new ServiceBusException("Failed.", reason), "approval-routing"));
    }
}
