using System.Threading.Channels;
using CivilProtection.Application.Workflow;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CivilProtection.Functions;

/// <summary>
/// Handles a change's own workflow right after its answer, in the worker that answered, so routing and paging do not
/// wait for the next <c>WorkflowPump</c> tick (up to 10 s; measured under the host double, see docs/architecture.md).
/// Woken by <see cref="DrainAfterChange"/>, it drains every queue as a tick does, until they stay idle; the timer
/// remains the backup for what arrives with no drain running (another instance's sends, retries, scheduled messages,
/// a worker the platform paused between invocations).
/// </summary>
public sealed partial class WorkflowDrain(MessagePump pump, ILogger<WorkflowDrain> logger) : BackgroundService
{
    // As a tick's: the drain ends once every queue is idle this long, or when its budget is spent.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(2);

    // One wake-up pending at most: changes answered during a drain are handled by it or by the one right after.
    private readonly Channel<bool> _woken = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks for a drain now, or right after the one running.</summary>
    public void Wake() => _woken.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var _ in _woken.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await pump.RunForAsync(Budget, IdleWait, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The transport failed; the timer's next tick receives what is left.
                LogDrainFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Draining the workflow after an answer failed; the WorkflowPump timer will pick up what is left")]
    private partial void LogDrainFailed(Exception ex);
}
