using Azure.Messaging.ServiceBus;
using CivilProtection.Application.Messaging;

namespace CivilProtection.Infrastructure.Messaging;

/// <summary>Converts between the port's messages and Service Bus's, and Service Bus's failures into the port's exceptions.</summary>
internal static class ServiceBusMessageMapping
{
    public const string JsonContentType = "application/json";

    /// <summary>The application property the Azure SDK keeps a message's W3C trace context in.</summary>
    public const string DiagnosticIdProperty = "Diagnostic-Id";

    /// <summary>The W3C name of the same, read too, for messages sent by other clients.</summary>
    public const string TraceParentProperty = "traceparent";

    public static ServiceBusMessage ToServiceBusMessage(OutgoingMessage message)
    {
        var converted = new ServiceBusMessage(BinaryData.FromString(message.Body))
        {
            MessageId = message.MessageId,
            CorrelationId = message.CorrelationId,
            Subject = message.Subject,
            ContentType = JsonContentType,
        };

        // The SDK keeps a Diagnostic-Id it finds instead of writing its own, so the trace is the change's that wrote the message.
        if (message.TraceParent is { Length: > 0 } traceParent)
        {
            converted.ApplicationProperties[DiagnosticIdProperty] = traceParent;
        }

        // Sending a message with a scheduled time schedules it, and keeps duplicate detection on its MessageId.
        if (message.ScheduledEnqueueTime is { } scheduled)
        {
            converted.ScheduledEnqueueTime = scheduled.ToUniversalTime();
        }

        return converted;
    }

    public static ReceivedMessage ToReceivedMessage(string queue, ServiceBusReceivedMessage message) =>
        new(
            queue,
            message.MessageId,
            message.Subject ?? string.Empty,
            message.Body.ToString(),
            message.CorrelationId,
            message.DeliveryCount,
            message.EnqueuedTime,
            message.LockToken,
            message.DeadLetterReason,
            message.DeadLetterErrorDescription,
            TraceParentOf(message))
        {
            Native = message,
            SequenceNumber = message.SequenceNumber,
        };

    private static string? TraceParentOf(ServiceBusReceivedMessage message) =>
        message.ApplicationProperties.TryGetValue(DiagnosticIdProperty, out var id) && id is string { Length: > 0 } diagnosticId ? diagnosticId
        : message.ApplicationProperties.TryGetValue(TraceParentProperty, out var parent) && parent is string { Length: > 0 } traceParent ? traceParent
        : null;

    /// <summary>The Service Bus message a settlement needs; only messages this transport received carry one.</summary>
    public static ServiceBusReceivedMessage NativeOf(ReceivedMessage message) =>
        message.Native as ServiceBusReceivedMessage
            ?? throw new ArgumentException(
                $"Message '{message.MessageId}' was not received through Service Bus, so Service Bus cannot settle it.",
                nameof(message));

    /// <summary>The port's exception for a Service Bus failure it names, or null for failures that pass through unchanged.</summary>
    public static Exception? Translate(ServiceBusException exception, string queue) =>
        exception.Reason switch
        {
            ServiceBusFailureReason.MessageLockLost => new MessageLockLostException(
                $"The lock on a message of queue '{queue}' was lost: it expired, or the message was already settled.",
                exception),
            ServiceBusFailureReason.MessagingEntityNotFound => new QueueNotFoundException(
                $"The queue '{queue}' does not exist in the Service Bus namespace.",
                exception),
            _ => null,
        };
}
