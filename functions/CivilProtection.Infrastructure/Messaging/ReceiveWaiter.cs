using CivilProtection.Application.Messaging;

namespace CivilProtection.Infrastructure.Messaging;

/// <summary>A receive waiting for messages on an <see cref="InProcessQueue"/>; the queue hands it a batch directly, so waiters never race for messages.</summary>
/// <remarks>Its state changes only under the queue's lock: a waiter in the queue's list is always still pending.</remarks>
internal sealed class ReceiveWaiter(int maxMessages)
{
    private readonly TaskCompletionSource<IReadOnlyList<ReceivedMessage>> _result =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int MaxMessages { get; } = maxMessages;

    /// <summary>Its place in the queue's waiter list while it waits.</summary>
    public LinkedListNode<ReceiveWaiter>? Node { get; set; }

    public Task<IReadOnlyList<ReceivedMessage>> Result => _result.Task;

    public void Deliver(IReadOnlyList<ReceivedMessage> messages) => _result.TrySetResult(messages);

    public void Cancel(CancellationToken cancellationToken) => _result.TrySetCanceled(cancellationToken);
}
