using CivilProtection.ServiceBusDouble.Store;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace CivilProtection.ServiceBusDouble.Amqp;

/// <summary>A sender's link to a queue: each transfer (one message or a batch) is stored, then accepted.</summary>
internal static class IntakeLink
{
    public static void Attach(ReceivingAmqpLink link, MessageEntity entity, ServiceBusDoubleFaults faults) =>
        link.RegisterMessageListener(message => Accept(link, entity, faults, message));

    private static void Accept(ReceivingAmqpLink link, MessageEntity entity, ServiceBusDoubleFaults faults, AmqpMessage message)
    {
        // Stored before the answer, as on Service Bus: a sender that times out and sends again is caught by duplicate detection.
        Outcome outcome;
        try
        {
            foreach (var content in MessageCodec.Decode(message))
            {
                entity.Enqueue(content);
            }

            outcome = AmqpConstants.AcceptedOutcome;
        }
        catch (Exception exception) when (exception is InvalidCastException or AmqpException or InvalidOperationException or ArgumentException)
        {
            outcome = new Rejected { Error = new Error { Condition = WireNames.ArgumentErrorCondition, Description = exception.Message } };
        }

        if (faults.ResponseDelay <= TimeSpan.Zero)
        {
            Answer(link, message, outcome);
            return;
        }

        _ = faults.DelayAsync().ContinueWith(_ => Answer(link, message, outcome), TaskScheduler.Default);
    }

    private static void Answer(ReceivingAmqpLink link, AmqpMessage message, Outcome outcome)
    {
        link.DisposeMessage(message, outcome, settled: true, batchable: message.Batchable);
        message.Dispose();
    }
}
