using CivilProtection.Application.Messaging;
using Microsoft.Extensions.Logging;

namespace CivilProtection.Application.Workflow;

/// <summary>
/// Receives from every handled queue and settles each message by what its handler says: complete on success,
/// abandon on a transient fault (an exception), dead-letter with a reason when it can never succeed.
/// The Functions app runs it from a timer with a time budget per tick; the local host runs it continuously.
/// </summary>
public sealed partial class MessagePump(IEnumerable<IMessageHandler> handlers, IMessageTransport transport, ILogger<MessagePump> logger)
{
    private readonly IReadOnlyList<IMessageHandler> _handlers = handlers.ToList();

    /// <summary>Messages per receive. Small, so a batch's slowest message holds up few others (see docs/architecture.md).</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>
    /// Receive loops per queue. Each loop handles a batch and waits for its slowest message before receiving again;
    /// with several loops a slow message holds up only its own batch, and a burst is handled in parallel.
    /// </summary>
    public int ReceiversPerQueue { get; init; } = 4;

    /// <summary>Drains every queue until each is empty for <paramref name="idleWait"/> or the budget is spent.</summary>
    public async Task<int> RunForAsync(TimeSpan budget, TimeSpan idleWait, CancellationToken cancellationToken)
    {
        using var budgetSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budgetSource.CancelAfter(budget);
        var counts = await Task.WhenAll(EveryReceiver(h => DrainAsync(h, idleWait, budgetSource.Token)));
        return counts.Sum();
    }

    /// <summary>Runs until cancelled, each queue on its own loops.</summary>
    public Task RunAsync(TimeSpan maxWait, CancellationToken cancellationToken) =>
        Task.WhenAll(EveryReceiver(h => LoopAsync(h, maxWait, cancellationToken)));

    private IEnumerable<TTask> EveryReceiver<TTask>(Func<IMessageHandler, TTask> receive) where TTask : Task =>
        _handlers.SelectMany(h => Enumerable.Range(0, ReceiversPerQueue).Select(_ => receive(h)));

    private async Task<int> DrainAsync(IMessageHandler handler, TimeSpan idleWait, CancellationToken budget)
    {
        var handled = 0;
        while (!budget.IsCancellationRequested)
        {
            int received;
            try
            {
                received = await ReceiveAndHandleAsync(handler, idleWait, budget);
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested)
            {
                break;
            }
            if (received == 0)
            {
                break;
            }
            handled += received;
        }
        return handled;
    }

    private async Task LoopAsync(IMessageHandler handler, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ReceiveAndHandleAsync(handler, maxWait, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The transport itself failed (connection lost...): wait a little and receive again.
                LogReceiveFailed(ex, handler.Queue);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task<int> ReceiveAndHandleAsync(IMessageHandler handler, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var messages = await transport.ReceiveAsync(handler.Queue, BatchSize, maxWait, cancellationToken);
        await Task.WhenAll(messages.Select(m => HandleOneAsync(handler, m, cancellationToken)));
        return messages.Count;
    }

    private async Task HandleOneAsync(IMessageHandler handler, ReceivedMessage message, CancellationToken cancellationToken)
    {
        if (!handler.AwaitedByPeople)
        {
            BackgroundWork.Mark();
        }
        using var activity = WorkflowTelemetry.StartHandling(message);
        activity?.SetTag("messaging.message.id", message.MessageId);
        activity?.SetTag("messaging.message.conversation_id", message.CorrelationId);
        HandlingResult result;
        try
        {
            result = await handler.HandleAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogTransientFault(ex, message.MessageId, message.Queue, message.DeliveryCount);
            await SettleQuietlyAsync(() => transport.AbandonAsync(message, CancellationToken.None), message);
            return;
        }
        catch (OperationCanceledException)
        {
            await SettleQuietlyAsync(() => transport.AbandonAsync(message, CancellationToken.None), message);
            throw;
        }
        if (result.Succeeded)
        {
            await SettleQuietlyAsync(() => transport.CompleteAsync(message, CancellationToken.None), message);
        }
        else
        {
            LogDeadLettered(message.MessageId, message.Queue, result.DeadLetterReason ?? "", result.DeadLetterDescription ?? "");
            WorkflowTelemetry.RecordDeadLettered(message.Queue, result.DeadLetterReason ?? "Unprocessable");
            await SettleQuietlyAsync(
                () => transport.DeadLetterAsync(message, result.DeadLetterReason ?? "Unprocessable", result.DeadLetterDescription ?? "", CancellationToken.None),
                message);
        }
    }

    // A lost lock means the message will be delivered again; handlers are idempotent, so that is safe.
    private async Task SettleQuietlyAsync(Func<Task> settle, ReceivedMessage message)
    {
        try
        {
            await settle();
        }
        catch (Exception ex)
        {
            LogSettleFailed(ex, message.MessageId, message.Queue);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving from {Queue} failed; retrying")]
    private partial void LogReceiveFailed(Exception ex, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue} failed (delivery {DeliveryCount}); abandoned for another try")]
    private partial void LogTransientFault(Exception ex, string messageId, string queue, int deliveryCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} on {Queue} dead-lettered: {Reason} {Description}")]
    private partial void LogDeadLettered(string messageId, string queue, string reason, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settling message {MessageId} on {Queue} failed; it will be delivered again")]
    private partial void LogSettleFailed(Exception ex, string messageId, string queue);
}
