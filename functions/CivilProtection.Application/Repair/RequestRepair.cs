using CivilProtection.Application.Indexes;
using CivilProtection.Application.Notices;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Workflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CivilProtection.Application.Repair;

/// <summary>
/// The safety net behind the queues: a few minutes after a change's messages were published, checks that they did what
/// they were for (its lists and inboxes show its version or a newer one, each notice it asked for was opened) and does
/// what a lost or dead-lettered message left undone. It reads only the tickets that fell due, so its cost follows the
/// rate of changes, never the size of the history.
/// </summary>
/// <remarks>
/// Everything it calls is idempotent and checks the request's current snapshot, so repairing work the message did a
/// moment later, or a replayed dead letter, changes nothing twice.
/// </remarks>
public sealed partial class RequestRepair(
    IRepairTickets tickets,
    IRequestStore store,
    RequestIndexProjector projector,
    NoticeDesk notices,
    IOptions<RepairOptions> options,
    TimeProvider clock,
    ILogger<RequestRepair> logger)
{
    /// <summary>Checks the tickets that fell due; returns how many requests needed a repair.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        BackgroundWork.Mark();
        var settings = options.Value;
        var due = await tickets.ListAsync(clock.GetUtcNow() - settings.After, settings.Batch, cancellationToken);
        var settled = new List<RepairTicket>(due.Count);
        var repaired = 0;
        foreach (var request in due.GroupBy(ticket => ticket.RequestId, StringComparer.Ordinal))
        {
            try
            {
                if (await RepairAsync(request.Key, request.SelectMany(ticket => ticket.Notices).Distinct().ToList(), cancellationToken))
                {
                    repaired++;
                }
                settled.AddRange(request);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Its tickets stay: the next run tries again.
                LogRepairFailed(ex, request.Key);
            }
        }
        await tickets.RemoveAsync(settled, cancellationToken);
        return repaired;
    }

    private async Task<bool> RepairAsync(string requestId, IReadOnlyList<RequestedNotice> requested, CancellationToken cancellationToken)
    {
        var loaded = await store.FindAsync(requestId, cancellationToken);
        if (loaded is null)
        {
            return false;
        }
        var repaired = false;
        var lagging = await projector.LaggingAsync(loaded.Request.State, cancellationToken);
        if (lagging != IndexParts.None)
        {
            await projector.ReconcileAsync(requestId, cancellationToken, lagging);
            if (lagging.HasFlag(IndexParts.Lists))
            {
                WorkflowTelemetry.RecordRepair("lists");
            }
            if (lagging.HasFlag(IndexParts.Inboxes))
            {
                WorkflowTelemetry.RecordRepair("inboxes");
            }
            LogIndexRepaired(requestId, lagging);
            repaired = true;
        }
        foreach (var notice in requested)
        {
            var noticeId = NoticeIds.For(notice.StageIndex, notice.Version);
            if (await store.FindNoticeAsync(requestId, noticeId, cancellationToken) is not null)
            {
                continue;
            }
            // The desk opens it only if the request still waits for that team; otherwise nobody needs paging any more.
            await notices.OpenAsync(requestId, notice.StageIndex, notice.Version, cancellationToken);
            if (await store.FindNoticeAsync(requestId, noticeId, cancellationToken) is not null)
            {
                WorkflowTelemetry.RecordRepair("notices");
                LogNoticeRepaired(requestId, noticeId);
                repaired = true;
            }
        }
        return repaired;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Repair: the {Parts} of request {RequestId} lagged its snapshot a few minutes after its change was published; brought up to date")]
    private partial void LogIndexRepaired(string requestId, IndexParts parts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Repair: notice {NoticeId} of request {RequestId} was never opened; opened it")]
    private partial void LogNoticeRepaired(string requestId, string noticeId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Repair of request {RequestId} failed; the next run tries again")]
    private partial void LogRepairFailed(Exception ex, string requestId);
}
