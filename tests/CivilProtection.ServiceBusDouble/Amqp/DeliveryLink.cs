using CivilProtection.ServiceBusDouble.Store;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace CivilProtection.ServiceBusDouble.Amqp;

/// <summary>A receiver's link to a queue or dead-letter queue: messages go out while it has credit, and its dispositions settle them.</summary>
/// <remarks>
/// The delivery tag is the lock token's 16 bytes: the SDK reads the lock token from it, and sends it back to settle.
/// A settlement the entity refuses is answered with <c>com.microsoft:message-lock-lost</c>, which the SDK reports as <c>MessageLockLost</c>.
/// </remarks>
internal sealed class DeliveryLink : IMessageConsumer
{
    private readonly SendingAmqpLink _link;
    private readonly MessageEntity _entity;
    private readonly ServiceBusDoubleFaults _faults;
    private readonly Action<AmqpConnection> _dropConnection;

    private DeliveryLink(SendingAmqpLink link, MessageEntity entity, ServiceBusDoubleFaults faults, Action<AmqpConnection> dropConnection)
    {
        _link = link;
        _entity = entity;
        _faults = faults;
        _dropConnection = dropConnection;
    }

    public bool RemovesOnDelivery => _link.Settings.SettleType == SettleMode.SettleOnSend;

    public int Credit { get; set; }

    public static void Attach(SendingAmqpLink link, MessageEntity entity, ServiceBusDoubleFaults faults, Action<AmqpConnection> dropConnection)
    {
        var consumer = new DeliveryLink(link, entity, faults, dropConnection);
        link.RegisterCreditListener(consumer.OnCredit);
        link.RegisterDispositionListener(consumer.OnDisposition);
        link.Closed += (_, _) => entity.RemoveConsumer(consumer);
        entity.AddConsumer(consumer);
    }

    public void Deliver(MessageSnapshot message, Guid deliveryTag)
    {
        DoubleTrace.Write($"{_entity.Path}: deliver #{message.SequenceNumber} (delivery {message.DeliveryCount}) tag {deliveryTag}, link credit {_link.LinkCredit}");
        _link.SendMessageNoWait(MessageCodec.ToAmqpMessage(message, peeked: false), new ArraySegment<byte>(deliveryTag.ToByteArray()), AmqpConstants.NullBinary);
        if (_faults.CountDeliveryAndCheckDrop())
        {
            _dropConnection(_link.Session.Connection);
        }
    }

    // The library reports the credit added by each flow; a receiver that lowers its credit is not reported, which the SDK does not do.
    private void OnCredit(uint credit, bool drain, ArraySegment<byte> transactionId)
    {
        DoubleTrace.Write($"{_entity.Path}: +{credit} credit{(drain ? " (drain)" : "")}, link credit {_link.LinkCredit}");
        _entity.AddCredit(this, (int)Math.Min(credit, 10_000u), drain);
    }

    private void OnDisposition(Delivery delivery)
    {
        if (delivery.State is null || delivery.State.DescriptorCode == Received.Code || delivery.DeliveryTag.Count != 16)
        {
            return;
        }

        var lockToken = new Guid(delivery.DeliveryTag.AsSpan());
        DoubleTrace.Write($"{_entity.Path}: disposition {delivery.State.GetType().Name} for {lockToken}, settled {delivery.Settled}");

        // A dead-letter is answered with a bare rejected: the SDK reads an error on it as a failure, and retries.
        DeliveryState answer = delivery.State is Rejected ? new Rejected() : delivery.State;
        try
        {
            Settle(lockToken, delivery.State);
        }
        catch (LockLostException exception)
        {
            answer = new Rejected { Error = new Error { Condition = WireNames.MessageLockLostCondition, Description = exception.Message } };
        }

        // A receiver that settled first (receive-and-delete) needs no answer.
        if (delivery.Settled)
        {
            return;
        }

        if (_faults.ResponseDelay <= TimeSpan.Zero)
        {
            _link.DisposeDelivery(delivery, true, answer);
            return;
        }

        _ = _faults.DelayAsync().ContinueWith(_ => _link.DisposeDelivery(delivery, true, answer), TaskScheduler.Default);
    }

    private void Settle(Guid lockToken, DeliveryState outcome)
    {
        switch (outcome)
        {
            case Accepted:
                _entity.Settle(lockToken, Settlement.Complete);
                break;
            case Rejected rejected:
                var (reason, description, properties) = DeadLetterDetails(rejected.Error);
                _entity.Settle(lockToken, Settlement.DeadLetter, properties, reason, description);
                break;
            case Modified modified:
                _entity.Settle(
                    lockToken,
                    modified.UndeliverableHere == true ? Settlement.Defer : Settlement.Abandon,
                    PropertiesOf(modified.MessageAnnotations));
                break;
            case Released:
                _entity.Settle(lockToken, Settlement.Release);
                break;
        }
    }

    /// <summary>The SDK dead-letters with <c>rejected</c>, carrying the reason, description and changed properties in the error's info.</summary>
    private static (string? Reason, string? Description, Dictionary<string, object?> Properties) DeadLetterDetails(Error? error)
    {
        string? reason = null;
        string? description = null;
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in error?.Info ?? [])
        {
            switch (key.ToString())
            {
                case WireNames.DeadLetterReason:
                    reason = value as string;
                    break;
                case WireNames.DeadLetterErrorDescription:
                    description = value as string;
                    break;
                default:
                    properties[key.ToString()] = value;
                    break;
            }
        }

        return (reason, description, properties);
    }

    private static Dictionary<string, object?> PropertiesOf(Fields? fields)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in fields ?? [])
        {
            properties[key.ToString()] = value;
        }

        return properties;
    }
}
