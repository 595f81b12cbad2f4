using CivilProtection.Application.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CivilProtection.Application.Operations;

/// <summary>
/// Counts the messages in every dead-letter queue in the background, so the health probe can say a count without
/// touching the transport: the probe is the benchmark's HTTP hop that touches no storage, and a probe that waited on
/// Service Bus would report the bus's health as the app's.
/// </summary>
public sealed partial class DeadLetterWatch(IMessageTransport transport, IOptions<DeadLetterOptions> options, TimeProvider clock, ILogger<DeadLetterWatch> logger) : IDisposable
{
    private readonly SemaphoreSlim _recount = new(0, 1);
    private DeadLetterCount _latest = DeadLetterCount.NotYetCounted;

    /// <summary>The last count; <see cref="DeadLetterCount.NotYetCounted"/> until the first one is done.</summary>
    public DeadLetterCount Latest => Volatile.Read(ref _latest);

    /// <summary>Counts again now rather than at the next period (after a replay or a discard).</summary>
    public void RecountSoon()
    {
        if (_recount.CurrentCount == 0)
        {
            try
            {
                _recount.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller asked at the same moment: one recount serves both.
            }
        }
    }

    /// <summary>Peeks every queue's dead letters (up to <see cref="DeadLetterOptions.PerQueue"/> each) and keeps the count.</summary>
    public async Task<DeadLetterCount> CountAsync(CancellationToken cancellationToken)
    {
        var upTo = options.Value.PerQueue;
        var counts = await Task.WhenAll(QueueDescription.Embedded.Select(async queue =>
            (queue.Name, Count: (await transport.PeekDeadLettersAsync(queue.Name, upTo, cancellationToken)).Count)));
        var count = new DeadLetterCount(
            counts.Sum(c => c.Count),
            AtLeast: counts.Any(c => c.Count >= upTo),
            counts.ToDictionary(c => c.Name, c => c.Count, StringComparer.Ordinal),
            clock.GetUtcNow());
        Volatile.Write(ref _latest, count);
        return count;
    }

    /// <summary>Counts every <see cref="DeadLetterOptions.CountEvery"/>, or sooner when asked, until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var told = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var count = await CountAsync(cancellationToken);
                // Told when the number changes, not every period: the log is for noticing, the page for acting.
                if (count.Total != told && count.Total > 0)
                {
                    LogDeadLetters(count.Total, string.Join(", ", count.ByQueue.Where(q => q.Value > 0).Select(q => $"{q.Key}: {q.Value}")));
                }
                told = count.Total;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The last count stands; the transport may be back by the next period.
                LogCountFailed(ex);
            }
            try
            {
                await _recount.WaitAsync(options.Value.CountEvery, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public void Dispose() => _recount.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} dead-lettered message(s) wait for an admin ({Queues})")]
    private partial void LogDeadLetters(int count, string queues);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting dead letters failed; the health probe keeps the last count")]
    private partial void LogCountFailed(Exception ex);
}

/// <summary>How many dead letters the queues held when last counted.</summary>
/// <param name="AtLeast">A queue held at least as many as were read, so there may be more.</param>
public sealed record DeadLetterCount(int Total, bool AtLeast, IReadOnlyDictionary<string, int> ByQueue, DateTimeOffset? CountedAt)
{
    public static DeadLetterCount NotYetCounted { get; } = new(0, false, new Dictionary<string, int>(), null);
}
