using CivilProtection.Application.Messaging;
using CivilProtection.Infrastructure.Tables;

namespace CivilProtection.Infrastructure.Messaging;

/// <summary>
/// Counts the queue operations the app makes, whichever transport carries them (Service Bus bills each send, each
/// message received and each settlement); put in front of the transport only when <c>CivilProtection:CountCalls</c> is on.
/// </summary>
public sealed class CountingTransport(IMessageTransport inner, CallCounts counts) : IMessageTransport
{
    public Task SendAsync(string queue, OutgoingMessage message, CancellationToken cancellationToken)
    {
        counts.CountMessages("send");
        return inner.SendAsync(queue, message, cancellationToken);
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var received = await inner.ReceiveAsync(queue, maxMessages, maxWait, cancellationToken);
        counts.CountMessages("receive", received.Count);
        return received;
    }

    public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        counts.CountMessages("complete");
        return inner.CompleteAsync(message, cancellationToken);
    }

    public Task AbandonAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        counts.CountMessages("abandon");
        return inner.AbandonAsync(message, cancellationToken);
    }

    public Task DeadLetterAsync(ReceivedMessage message, string reason, string description, CancellationToken cancellationToken)
    {
        counts.CountMessages("dead-letter");
        return inner.DeadLetterAsync(message, reason, description, cancellationToken);
    }

    public Task<IReadOnlyList<ReceivedMessage>> PeekDeadLettersAsync(string queue, int maxMessages, CancellationToken cancellationToken) =>
        inner.PeekDeadLettersAsync(queue, maxMessages, cancellationToken);

    public Task<bool> ReplayDeadLetterAsync(string queue, long sequenceNumber, CancellationToken cancellationToken) =>
        inner.ReplayDeadLetterAsync(queue, sequenceNumber, cancellationToken);

    public Task<bool> DiscardDeadLetterAsync(string queue, long sequenceNumber, CancellationToken cancellationToken) =>
        inner.DiscardDeadLetterAsync(queue, sequenceNumber, cancellationToken);
}
