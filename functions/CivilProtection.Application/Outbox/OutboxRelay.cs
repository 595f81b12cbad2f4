using System.Threading.Channels;
using CivilProtection.Application.Messaging;
using Microsoft.Extensions.Logging;

namespace CivilProtection.Application.Outbox;

/// <summary>
/// Publishes outbox rows to their queues: right after each commit (<see cref="PublishSoon"/>), and by a sweep of
/// the pending markers on a timer, so a crash between commit and publish loses nothing. Publishing twice is
/// harmless: the message id is stable, so the queue's duplicate detection drops the second copy.
/// </summary>
public sealed partial class OutboxRelay(IOutboxStore outbox, IMessageTransport transport, TimeProvider clock, ILogger<OutboxRelay> logger)
{
    /// <summary>Markers younger than this may belong to a change still committing, so the sweep leaves them in place.</summary>
    public static readonly TimeSpan MarkerGrace = TimeSpan.FromMinutes(2);

    private readonly Channel<string> _committed = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = false });

    /// <summary>Asks for a request's outbox to be published now, without holding up the caller.</summary>
    public void PublishSoon(string requestId) => _committed.Writer.TryWrite(requestId);

    /// <summary>Publishes what <see cref="PublishSoon"/> queued until cancelled; the hosts run a few of these.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var requestId in _committed.Reader.ReadAllAsync(cancellationToken))
        {
            try
            {
                await PublishAsync(requestId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The marker stays, so the sweep publishes it later.
                LogPublishFailed(ex, requestId);
            }
        }
    }

    /// <summary>Publishes and removes every outbox row of one request.</summary>
    public async Task<int> PublishAsync(string requestId, CancellationToken cancellationToken)
    {
        var rows = await outbox.ReadAsync(requestId, cancellationToken);
        foreach (var row in rows)
        {
            await transport.SendAsync(row.Queue, new OutgoingMessage(row.MessageId, row.Subject, row.Body, row.CorrelationId, row.ScheduledFor, row.TraceParent), cancellationToken);
            await outbox.RemoveAsync(row, cancellationToken);
        }
        return rows.Count;
    }

    /// <summary>Publishes whatever the markers say may be left, and clears markers old enough to be settled.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var published = 0;
        var now = clock.GetUtcNow();
        foreach (var marker in await outbox.ListMarkersAsync(500, cancellationToken))
        {
            published += await PublishAsync(marker.RequestId, cancellationToken);
            if (now - marker.MarkedAt > MarkerGrace)
            {
                await outbox.ClearMarkerAsync(marker, cancellationToken);
            }
        }
        if (published > 0)
        {
            LogSwept(published);
        }
        return published;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the outbox of request {RequestId} failed; the sweep will retry")]
    private partial void LogPublishFailed(Exception ex, string requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "The outbox sweep published {Count} message(s) left behind")]
    private partial void LogSwept(int count);
}
