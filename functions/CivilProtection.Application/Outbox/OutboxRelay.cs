using System.Threading.Channels;
using CivilProtection.Application.Messaging;
using CivilProtection.Application.Repair;
using CivilProtection.Application.Requests;
using Microsoft.Extensions.Logging;

namespace CivilProtection.Application.Outbox;

/// <summary>
/// Publishes outbox rows to their queues: right after each commit, from the rows the commit wrote
/// (<see cref="PublishSoon"/>), and on a timer by a sweep of what commits left behind (recent filings, found by their
/// ids, and the markers of later changes), so a crash between commit and publish loses nothing. Publishing twice is
/// harmless: the message id is stable, so the queue's duplicate detection drops the second copy.
/// </summary>
/// <remarks>
/// Before it removes published rows it leaves a repair ticket for their request (<see cref="RequestRepair"/>), so
/// a message lost or dead-lettered after it left the outbox still has its effect checked and caught up.
/// </remarks>
public sealed partial class OutboxRelay(IOutboxStore outbox, IRepairTickets tickets, IMessageTransport transport, TimeProvider clock, ILogger<OutboxRelay> logger)
{
    /// <summary>The relay clears a marker within moments of its commit; one older than this was left behind.</summary>
    public static readonly TimeSpan SweepAfter = TimeSpan.FromSeconds(15);

    /// <summary>A change may still be committing while its marker is younger than this, so the sweep does not clear it before.</summary>
    public static readonly TimeSpan MarkerGrace = TimeSpan.FromMinutes(2);

    /// <summary>How far back the sweep looks for filings left unpublished (they have no marker).</summary>
    public static readonly TimeSpan FilingWindow = TimeSpan.FromDays(7);

    /// <summary>
    /// A change of a request filed this recently commits without a marker: the sweep of recent filings
    /// (<see cref="FilingWindow"/>) reads every outbox row of such a request by its id's key range, so a row its
    /// process left behind is found without one. A day short of the window, so the sweep has a day to run before the
    /// request leaves it.
    /// </summary>
    public static readonly TimeSpan SweptWithoutMarker = FilingWindow - TimeSpan.FromDays(1);

    private const int SweepBatch = 500;

    private readonly Channel<CommittedOutbox> _committed = Channel.CreateUnbounded<CommittedOutbox>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Channel<CommittedOutbox> _sent = Channel.CreateUnbounded<CommittedOutbox>(new UnboundedChannelOptions { SingleReader = false });

    /// <summary>Asks for a commit's outbox rows to be published without holding up the caller: now, or in a person's call once their answer is sent (<see cref="AnswerHold"/>).</summary>
    public void PublishSoon(CommittedOutbox committed) => AnswerHold.AfterAnswer(() => _committed.Writer.TryWrite(committed));

    /// <summary>
    /// Publishes what <see cref="PublishSoon"/> queued until cancelled; the hosts run a few of these. Sending and
    /// cleaning up (removing the rows, clearing the marker) run on separate loops, so the next commit's messages never
    /// wait for the storage round trips of the last one's clean-up.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Workflow.BackgroundWork.Mark();
        await Task.WhenAll(SendAsync(cancellationToken), CleanUpAsync(cancellationToken));
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        await foreach (var committed in _committed.Reader.ReadAllAsync(cancellationToken))
        {
            try
            {
                // The rows are as committed, so nothing needs reading back.
                await SendRowsAsync(committed.Rows, cancellationToken);
                _sent.Writer.TryWrite(committed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The rows and the marker stay, so the sweep publishes them later.
                LogPublishFailed(ex, committed.RequestId);
            }
        }
    }

    private async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        await foreach (var sent in _sent.Reader.ReadAllAsync(cancellationToken))
        {
            try
            {
                await LeaveTicketsAsync(sent.Rows, cancellationToken);
                await outbox.RemoveAsync(sent.Rows, cancellationToken);
                if (sent.Marker is { } marker)
                {
                    await outbox.ClearMarkerAsync(marker, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Sent already: the sweep will send the rows again (duplicate detection drops them) and remove them.
                LogPublishFailed(ex, sent.RequestId);
            }
        }
    }

    /// <summary>Whether a change of this request needs a marker for the sweep to find its rows should its process die before publishing them.</summary>
    public bool NeedsMarker(string requestId) =>
        RequestIds.FiledAt(requestId) is not { } filedAt || clock.GetUtcNow() - filedAt >= SweptWithoutMarker;

    /// <summary>Publishes and removes every outbox row of one request, as stored.</summary>
    public async Task<int> PublishAsync(string requestId, CancellationToken cancellationToken)
    {
        var rows = await outbox.ReadAsync(requestId, cancellationToken);
        await PublishRowsAsync(rows, cancellationToken);
        return rows.Count;
    }

    /// <summary>
    /// Publishes what commits left behind: the rows of filings older than <see cref="SweepAfter"/> (within
    /// <see cref="FilingWindow"/>), and the outbox of every request with a marker older than <see cref="SweepAfter"/>;
    /// clears the markers older than <see cref="MarkerGrace"/>. Younger ones are the relay's: reading them would only
    /// repeat its work.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        Workflow.BackgroundWork.Mark();
        var now = clock.GetUtcNow();
        var filings = await outbox.ReadFiledBetweenAsync(now - FilingWindow, now - SweepAfter, SweepBatch, cancellationToken);
        await PublishRowsAsync(filings, cancellationToken);
        var published = filings.Count;
        var markers = await outbox.ListMarkersAsync(now - SweepAfter, SweepBatch, cancellationToken);
        foreach (var request in markers.GroupBy(m => m.RequestId, StringComparer.Ordinal))
        {
            published += await PublishAsync(request.Key, cancellationToken);
            foreach (var marker in request.Where(m => now - m.MarkedAt > MarkerGrace))
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

    private async Task PublishRowsAsync(IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        await SendRowsAsync(rows, cancellationToken);
        await LeaveTicketsAsync(rows, cancellationToken);
        await outbox.RemoveAsync(rows, cancellationToken);
    }

    // Written before the rows go: a crash in between leaves the rows, which the sweep publishes (and tickets) again.
    private Task LeaveTicketsAsync(IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken) =>
        RepairTicket.Of(rows, clock.GetUtcNow()) is { Count: > 0 } due ? tickets.AddAsync(due, cancellationToken) : Task.CompletedTask;

    // Handlers never rely on the order of messages, so one change's messages go out together.
    private Task SendRowsAsync(IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken) =>
        Task.WhenAll(rows.Select(row => transport.SendAsync(
            row.Queue, new OutgoingMessage(row.MessageId, row.Subject, row.Body, row.CorrelationId, row.ScheduledFor, row.TraceParent), cancellationToken)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the outbox of request {RequestId} failed; the sweep will retry")]
    private partial void LogPublishFailed(Exception ex, string requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "The outbox sweep published {Count} message(s) left behind")]
    private partial void LogSwept(int count);
}
