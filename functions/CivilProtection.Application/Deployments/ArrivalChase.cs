using CivilProtection.Application.Notices;
using CivilProtection.Application.Outbox;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Deployments;
using CivilProtection.Domain.Requests;
using Microsoft.Extensions.Options;

namespace CivilProtection.Application.Deployments;

/// <summary>
/// The arrival check a departure schedules: when it falls due and the teams are still reported on their way, their
/// leader is paged, then their authority's 24/7 contact point, through the notice's usual escalation.
/// </summary>
public sealed class ArrivalChase(IRequestStore store, NoticeDesk notices, PartitionWriter writer, IOptions<NoticeOptions> options, TimeProvider clock)
{
    /// <summary>Returns false when there is no such request (the message can never succeed).</summary>
    public async Task<bool> CheckAsync(string requestId, string authorityId, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(requestId, cancellationToken) is not { } loaded)
        {
            return false;
        }
        var request = loaded.Request.State;
        if (request.Status is RequestStatus.Closed or RequestStatus.Cancelled
            || await store.FindDeploymentAsync(requestId, authorityId, cancellationToken) is not { Value.Status: DeploymentStatus.Departed } stored)
        {
            return true;
        }
        var deployment = Deployment.Restore(stored.Value);
        var grace = options.Value.ArrivalOverdueAfter;
        if (!deployment.IsArrivalOverdue(clock.GetUtcNow(), grace))
        {
            // Early (clock skew, a re-sent check): look again when it is due.
            var change = new PartitionChange(requestId);
            change.Outbox.Add(OutboxRouting.ArrivalCheck(requestId, authorityId, stored.Value.ExpectedArrival!.Value + grace, request.CorrelationId));
            await writer.CommitAsync(change, cancellationToken);
            return true;
        }
        var dispatch = (await store.FindDispatchAsync(requestId, authorityId, cancellationToken))?.Value;
        await notices.OpenArrivalOverdueAsync(requestId, authorityId, DeploymentAccess.LeaderOf(dispatch), cancellationToken);
        return true;
    }
}
