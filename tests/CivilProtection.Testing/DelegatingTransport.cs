using CivilProtection.Application.Messaging;

namespace CivilProtection.Testing;

/// <summary>A transport that hands every call to another; tests override the calls they watch or break.</summary>
public abstract class DelegatingTransport(IMessageTransport inner) : IMessageTransport, IDisposable
{
    public virtual Task SendAsync(string queue, OutgoingMessage message, CancellationToken cancellationToken) => inner.SendAsync(queue, message, cancellationToken);

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken) =>
        inner.ReceiveAsync(queue, maxMessages, maxWait, cancellationToken);

    public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken) => inner.CompleteAsync(message, cancellationToken);

    public Task AbandonAsync(ReceivedMessage message, CancellationToken cancellationToken) => inner.AbandonAsync(message, cancellationToken);

    public Task DeadLetterAsync(ReceivedMessage message, string reason, string description, CancellationToken cancellationToken) =>
        inner.DeadLetterAsync(message, reason, description, cancellationToken);

    public Task<IReadOnlyList<ReceivedMessage>> PeekDeadLettersAsync(string queue, int maxMessages, CancellationToken cancellationToken) =>
        inner.PeekDeadLettersAsync(queue, maxMessages, cancellationToken);

    public Task<bool> ReplayDeadLetterAsync(string queue, long sequenceNumber, CancellationToken cancellationToken) =>
        inner.ReplayDeadLetterAsync(queue, sequenceNumber, cancellationToken);

    public Task<bool> DiscardDeadLetterAsync(string queue, long sequenceNumber, CancellationToken cancellationToken) =>
        inner.DiscardDeadLetterAsync(queue, sequenceNumber, cancellationToken);

    public void Dispose()
    {
        (inner as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }
}
