using System.Collections.Concurrent;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace CivilProtection.ServiceBusDouble.Amqp;

/// <summary>
/// The links a client reads answers from, by their address: a request/response pair (<c>$cbs</c>, <c>$management</c>) is a
/// sending link the client writes requests to, and a receiving link whose target is the request's <c>reply-to</c>.
/// </summary>
internal sealed class ReplyLinks
{
    private readonly ConcurrentDictionary<string, SendingAmqpLink> _byAddress = new(StringComparer.Ordinal);

    public void Attach(SendingAmqpLink link)
    {
        var address = (link.Settings.Target as Target)?.Address?.ToString()
            ?? throw new AmqpException(AmqpErrorCode.InvalidField, "A reply link needs a target address: the requests' reply-to.");
        _byAddress[address] = link;
        link.Closed += (_, _) => _byAddress.TryRemove(new KeyValuePair<string, SendingAmqpLink>(address, link));
    }

    /// <summary>Sends an answer to the link reading <paramref name="replyTo"/>; an answer for a link gone is dropped, as the client gave up.</summary>
    public void Send(string? replyTo, AmqpMessage response)
    {
        if (replyTo is not null && _byAddress.TryGetValue(replyTo, out var link))
        {
            link.SendMessageNoWait(response, new ArraySegment<byte>(Guid.NewGuid().ToByteArray()), AmqpConstants.NullBinary);
        }
    }
}

/// <summary>A request link: each request is handled, and its answer sent to its <c>reply-to</c> with the request's id as correlation id.</summary>
internal static class RequestLink
{
    public static void Attach(ReceivingAmqpLink link, Func<AmqpMessage, AmqpMessage> handle, ReplyLinks replies, ServiceBusDoubleFaults faults) =>
        link.RegisterMessageListener(request => Handle(link, request, handle, replies, faults));

    private static void Handle(ReceivingAmqpLink link, AmqpMessage request, Func<AmqpMessage, AmqpMessage> handle, ReplyLinks replies, ServiceBusDoubleFaults faults)
    {
        var replyTo = request.Properties.ReplyTo?.ToString();
        var requestId = request.Properties.MessageId;
        AmqpMessage response;
        try
        {
            response = handle(request);
        }
        finally
        {
            if (!request.Settled)
            {
                link.AcceptMessage(request, batchable: false);
            }

            request.Dispose();
        }

        response.Properties.CorrelationId = requestId;
        if (faults.ResponseDelay <= TimeSpan.Zero)
        {
            replies.Send(replyTo, response);
            return;
        }

        _ = faults.DelayAsync().ContinueWith(_ => replies.Send(replyTo, response), TaskScheduler.Default);
    }
}
