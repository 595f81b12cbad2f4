using CivilProtection.Application.Directory;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Notices;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Notices;

/// <summary>The chase of departed teams not reported on site in time.</summary>
public sealed partial class NoticeDesk
{
    /// <summary>The notice an overdue arrival opens: one per deployment, since its teams depart once.</summary>
    public static string ArrivalNoticeId(string authorityId) => $"arrival-{authorityId}";

    /// <summary>
    /// Pages <paramref name="leaderId"/> (the teams' leader, when known), then the assisting authority's 24/7 contact
    /// point tier after tier, until someone acknowledges or the teams are reported on site. Idempotent: opened once.
    /// </summary>
    public async Task OpenArrivalOverdueAsync(string requestId, string authorityId, string? leaderId, CancellationToken cancellationToken)
    {
        var noticeId = ArrivalNoticeId(authorityId);
        if (await store.FindAsync(requestId, cancellationToken) is not { } loaded
            || await store.FindNoticeAsync(requestId, noticeId, cancellationToken) is not null)
        {
            return;
        }
        var request = loaded.Request.State;
        var team = await directory.ContactTeamAsync(authorityId, cancellationToken);
        var now = clock.GetUtcNow();
        var code = System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, 10_000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        var notice = Notice.Open(noticeId, requestId, NoticeKind.ArrivalOverdue, null, authorityId, team, code,
            await OnCallAsync(authorityId, team, leaderId, now, cancellationToken), request.Details.Urgency, Options.Policy, now, SmsIds(requestId, noticeId),
            leaderId: leaderId);
        var change = new PartitionChange(requestId);
        change.Notices.Add(new Versioned<NoticeState>(notice.State, null));
        change.Events.Add(new AuditEvent(0, now, Actor.System.UserId, Actor.System.DisplayName, AuditActions.DeploymentArrivalOverdue, null, null, AuthorityId: authorityId));
        await AddEffectsAsync(change, notice, request, cancellationToken);
        await CommitIgnoringDuplicateAsync(change, cancellationToken);
        // The teams may have been reported on site while this was being opened: look again.
        await CheckAsync(requestId, noticeId, notice.State.Step, cancellationToken);
    }

    /// <summary>Adds to <paramref name="change"/> the end of the chase of a deployment's arrival, when one is open: its teams were reported on site.</summary>
    public async Task AddArrivalReportedAsync(PartitionChange change, string authorityId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (await store.FindNoticeAsync(change.RequestId, ArrivalNoticeId(authorityId), cancellationToken) is { Value.Status: NoticeStatus.Open } stored)
        {
            var notice = Notice.Restore(stored.Value);
            notice.Resolve(now, "the teams were reported on site");
            change.Notices.Add(new Versioned<NoticeState>(notice.State, stored.ETag));
            change.Events.AddRange(notice.Events);
        }
    }
}
