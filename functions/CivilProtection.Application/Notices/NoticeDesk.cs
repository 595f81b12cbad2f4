using System.Security.Cryptography;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Outbox;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Rosters;
using CivilProtection.Application.Sms;
using CivilProtection.Domain.Notices;
using CivilProtection.Domain.Requests;
using CivilProtection.Domain.Rosters;
using Microsoft.Extensions.Options;

namespace CivilProtection.Application.Notices;

/// <summary>
/// Opens notices, escalates them when nobody acknowledges, and records acknowledgements: each change commits the
/// notice, its timeline lines, the SMS to send and the next scheduled check in one transaction.
/// </summary>
public sealed partial class NoticeDesk(
    IRequestStore store,
    IPeople people,
    Directory.IDirectory directory,
    ISmsTexts texts,
    PartitionWriter writer,
    SmsWebhookUrls urls,
    ReachableOnCall reachable,
    Voice.IVoiceGateway voice,
    IOptions<NoticeOptions> options,
    TimeProvider clock)
{
    private NoticeOptions Options => options.Value;

    /// <summary>Pages the team a request now waits for. Idempotent: a notice is opened once per stage opening or approval.</summary>
    /// <returns>False when there is no such request (the message can never succeed).</returns>
    /// <param name="authorityId">For the exchange: the partner asked, or the requester an offer arrived at.</param>
    /// <param name="offerId">For the exchange: the offer whose stage opened, or which arrived.</param>
    public async Task<bool> OpenAsync(
        string requestId, int? stageIndex, int version, CancellationToken cancellationToken, string? authorityId = null, string? offerId = null)
    {
        // The version the message is about will do: the request is read again, fresh, once the notice is committed.
        var loaded = await store.FindAsync(requestId, version, cancellationToken);
        if (loaded is null)
        {
            return false;
        }
        var request = loaded.Request.State;
        var exchange = authorityId is not null || offerId is not null;
        var noticeId = exchange ? NoticeIds.ForExchange(stageIndex, version, authorityId, offerId) : NoticeIds.For(stageIndex, version);
        // Opened once without a read first: the notice's row is added only if absent, so a repeated message's commit
        // fails and changes nothing (CommitIgnoringDuplicateAsync), at the cost of the roster read only then.
        var kind = exchange ? ExchangeNotices.KindOf(stageIndex, offerId)
            : stageIndex is null ? NoticeKind.AssistanceApproved : NoticeKind.StageApproval;
        var probe = new NoticeState(noticeId, requestId, kind, stageIndex, authorityId ?? "", "", "", NoticeStatus.Open, 0, 1, -1, clock.GetUtcNow(), null, [], null, null, null)
        {
            OfferId = offerId,
        };
        if (StillNeeded(probe, request) is not null)
        {
            return true;
        }
        var (pagedAuthorityId, team) = exchange
            ? await ExchangeNotices.WhoAsync(directory, request, kind, stageIndex, authorityId, offerId, cancellationToken)
            : stageIndex is { } i
                ? (request.Stages[i].AuthorityId, request.Stages[i].ApproverGroup)
                : (request.AssistingAuthorityId, Teams.Operations);
        var now = clock.GetUtcNow();
        var code = RandomNumberGenerator.GetInt32(0, 10_000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        var notice = Notice.Open(noticeId, requestId, kind, stageIndex, pagedAuthorityId, team, code,
            await OnCallAsync(pagedAuthorityId, team, null, now, cancellationToken), request.Details.Urgency, Options.Policy, now, SmsIds(requestId, noticeId), offerId);
        var change = new PartitionChange(requestId);
        change.Notices.Add(new Versioned<NoticeState>(notice.State, null));
        await AddEffectsAsync(change, notice, request, cancellationToken);
        if (!await CommitIgnoringDuplicateAsync(change, cancellationToken))
        {
            return true;
        }
        // The request may have moved on while the notice was being opened (a decision commits without seeing it):
        // look again, so nobody is paged for long about what is already done. A notice that pages someone by SMS needs
        // no look of its own: the sender looks at the request right before sending and, finding it moved on, withdraws
        // the SMS and resolves the notice in one commit (SmsSender, AddDeliveryAsync).
        if (!change.Sms.Any(sms => sms.Value.Purpose == SmsPurpose.Notice)
            && await store.FindAsync(requestId, cancellationToken) is { } latest && StillNeeded(notice.State, latest.Request.State) is not null)
        {
            await CheckAsync(requestId, noticeId, notice.State.Step, cancellationToken);
        }
        return true;
    }

    /// <summary>A scheduled check fell due: escalate unless acknowledged, moved past that step, or no longer needed.</summary>
    public async Task<bool> CheckAsync(string requestId, string noticeId, int step, CancellationToken cancellationToken)
    {
        var stored = await store.FindNoticeAsync(requestId, noticeId, cancellationToken);
        var loaded = await store.FindAsync(requestId, cancellationToken);
        if (stored is null || loaded is null)
        {
            return false;
        }
        var notice = Notice.Restore(stored.Value);
        var request = loaded.Request.State;
        var now = clock.GetUtcNow();
        var change = new PartitionChange(requestId);
        if (await StillNeededAsync(notice.State, request, cancellationToken) is { } why)
        {
            if (!notice.Resolve(now, why))
            {
                return true;
            }
        }
        else if (notice.State.Step == step && notice.State.EscalatesAt > now)
        {
            // Early (clock skew, a re-sent check): look again when it is due.
            change.Outbox.Add(OutboxRouting.NoticeCheck(requestId, noticeId, step, notice.State.EscalatesAt.Value, request.CorrelationId));
            await writer.CommitAsync(change, cancellationToken);
            return true;
        }
        else if (!notice.Escalate(step, await OnCallAsync(notice.State, now, cancellationToken),
                     request.Details.Urgency, Options.Policy, now, SmsIds(requestId, noticeId), reason: "no acknowledgement in time"))
        {
            return true;
        }
        change.Notices.Add(new Versioned<NoticeState>(notice.State, stored.ETag));
        await AddEffectsAsync(change, notice, request, cancellationToken);
        await writer.CommitAsync(change, cancellationToken);
        if (notice.State.Status != NoticeStatus.Resolved)
        {
            Workflow.WorkflowTelemetry.RecordEscalation("no-acknowledgement");
        }
        return true;
    }

    /// <summary>Acknowledges on the request page: people of the notice's authority only.</summary>
    /// <remarks>
    /// A delivery report or an escalation that changes the notice between the read and the write is no reason to
    /// refuse the person: the acknowledgement is decided again on what is there now (and refused if someone else
    /// acknowledged meanwhile).
    /// </remarks>
    public Task AcknowledgeOnPageAsync(Caller caller, string requestId, string noticeId, CancellationToken cancellationToken) =>
        ConflictRetry.Conflicts.ExecuteAsync(async token =>
        {
            var stored = await store.FindNoticeAsync(requestId, noticeId, token) ?? throw new NotFoundException($"There is no notice {noticeId}.");
            if (!CanAcknowledge(caller, stored.Value))
            {
                throw new AccessDeniedException($"Only the people paged, the {stored.Value.Team} team and the coordinators of {stored.Value.AuthorityId} acknowledge this notice.");
            }
            await AcknowledgeAsync(stored, caller.UserId, caller.DisplayName, NoticeChannels.Web, null, messageSid: null, token);
        }, cancellationToken).AsTask();

    /// <summary>Who may acknowledge on the page: people it paged, members of its team, and the authority's coordinators and admins.</summary>
    public static bool CanAcknowledge(Caller caller, NoticeState notice) =>
        caller.AuthorityId == notice.AuthorityId
        && (notice.Attempts.Any(a => a.PersonId == caller.UserId)
            || caller.ApproverGroups.Contains(notice.Team, StringComparer.Ordinal)
            || caller.IsIn(Roles.Coordinator) || caller.IsIn(Roles.Admin));

    /// <summary>
    /// Acknowledges by SMS code (<see cref="NoticeChannels.Sms"/>, confirmed by SMS) or by pressing 1 during a call
    /// (<see cref="NoticeChannels.Voice"/>, confirmed on the call), recording the message (or call) id with the
    /// acknowledgement. Returns that record, or the one an earlier call committed for the same id; null when the
    /// notice is not open any more for another reason.
    /// </summary>
    public Task<AppliedReply?> AcknowledgeByReplyAsync(Person person, string requestId, string noticeId, string messageSid, string via, CancellationToken cancellationToken) =>
        // Someone else changed the notice, or this message was applied meanwhile: look again.
        ConflictRetry.Conflicts.ExecuteAsync(async token =>
        {
            var stored = await store.FindNoticeAsync(requestId, noticeId, token);
            if (stored is null || stored.Value.Status != NoticeStatus.Open)
            {
                // Read after the notice: if this very message closed it, its record was committed with that change.
                return await store.FindAppliedReplyAsync(requestId, messageSid, token);
            }
            return await AcknowledgeAsync(stored, person.PersonId, person.Name, via, via == NoticeChannels.Sms ? person : null, messageSid, token);
        }, cancellationToken).AsTask();

    private async Task<AppliedReply?> AcknowledgeAsync(
        Versioned<NoticeState> stored, string personId, string name, string via, Person? confirmTo, string? messageSid, CancellationToken cancellationToken)
    {
        var loaded = await store.FindAsync(stored.Value.RequestId, cancellationToken) ?? throw new NotFoundException("The request is gone.");
        var notice = Notice.Restore(stored.Value);
        var now = clock.GetUtcNow();
        notice.Acknowledge(personId, name, via, now);
        var change = new PartitionChange(stored.Value.RequestId);
        change.Notices.Add(new Versioned<NoticeState>(notice.State, stored.ETag));
        change.Events.AddRange(notice.Events);
        if (confirmTo is not null)
        {
            change.Send(NewSms(notice.State, confirmTo, $"{notice.State.NoticeId}-ack", SmsPurpose.Confirmation,
                texts.Acknowledged(confirmTo.Language, loaded.Request.State.Reference), now), loaded.Request.State.CorrelationId);
        }
        if (messageSid is not null)
        {
            change.Reply = new AppliedReply(messageSid, change.RequestId, ReplyOutcome.Acknowledged, loaded.Request.State.Reference, now);
        }
        await writer.CommitAsync(change, cancellationToken);
        return change.Reply;
    }

    /// <summary>Adds to <paramref name="change"/> what a delivery report means for the notice the SMS belongs to: a timeline line, and an escalation when the current tier cannot be reached.</summary>
    public async Task AddDeliveryAsync(PartitionChange change, SmsRecord sms, CancellationToken cancellationToken, string? resolving = null)
    {
        if (sms.Purpose.IsCall())
        {
            await AddCallProgressAsync(change, sms, cancellationToken);
            return;
        }
        // The notice as this process last wrote it, when it did: the change is committed on its tag, so a notice changed
        // since fails the commit, which its caller tries again on fresh reads (SmsDeliveries).
        if (sms.Purpose != SmsPurpose.Notice || sms.NoticeId is null
            || (store.TakeRecentNotice(sms.RequestId, sms.NoticeId) ?? await store.FindNoticeAsync(sms.RequestId, sms.NoticeId, cancellationToken)) is not { } stored)
        {
            return;
        }
        var notice = Notice.Restore(stored.Value);
        var now = clock.GetUtcNow();
        var name = (await people.FindAsync(sms.PersonId, cancellationToken))?.Name ?? sms.PersonId;
        var escalate = notice.RecordDelivery(sms.SmsId, WireNames.Of(sms.Status), now, name);
        if (escalate && await store.FindAsync(sms.RequestId, cancellationToken) is { } loaded && await StillNeededAsync(notice.State, loaded.Request.State, cancellationToken) is null)
        {
            notice.Escalate(notice.State.Step, await OnCallAsync(notice.State, now, cancellationToken),
                loaded.Request.State.Details.Urgency, Options.Policy, now, SmsIds(sms.RequestId, notice.State.NoticeId), reason: $"SMS to {name} {WireNames.Of(sms.Status)}");
            Workflow.WorkflowTelemetry.RecordEscalation("sms-not-delivered");
            change.Notices.Add(new Versioned<NoticeState>(notice.State, stored.ETag));
            await AddEffectsAsync(change, notice, loaded.Request.State, cancellationToken);
            return;
        }
        if (resolving is not null)
        {
            // Its SMS withdrawn because the request moved on: nobody is paged about it any more.
            notice.Resolve(now, resolving);
        }
        change.Notices.Add(new Versioned<NoticeState>(notice.State, stored.ETag));
        change.Events.AddRange(notice.Events);
    }

    // A call's progress goes on the timeline only: an unanswered call does not escalate, its page's SMS and the
    // scheduled check still do.
    private async Task AddCallProgressAsync(PartitionChange change, SmsRecord call, CancellationToken cancellationToken)
    {
        var action = call.Status switch
        {
            SmsStatus.Delivered => "call-answered",
            SmsStatus.Undelivered => "call-unanswered",
            SmsStatus.Withdrawn => "call-withdrawn",
            SmsStatus.Failed or SmsStatus.Rejected => "call-failed",
            _ => null,
        };
        if (action is null)
        {
            return;
        }
        var name = (await people.FindAsync(call.PersonId, cancellationToken))?.Name ?? call.PersonId;
        var stage = call.NoticeId is { } id ? (await store.FindNoticeAsync(call.RequestId, id, cancellationToken))?.Value.StageIndex : null;
        change.Events.Add(new AuditEvent(0, clock.GetUtcNow(), Actor.System.UserId, Actor.System.DisplayName, action, name, stage));
    }

    /// <summary>Null while the notice is still needed; otherwise why it no longer is.</summary>
    public static string? StillNeeded(NoticeState notice, AssistanceRequestState request)
    {
        if (notice.Kind == NoticeKind.ArrivalOverdue)
        {
            return request.Status is RequestStatus.Closed or RequestStatus.Cancelled ? $"the request is {WireNames.Of(request.Status)}" : null;
        }
        if (ExchangeNotices.IsExchange(notice.Kind))
        {
            return ExchangeNotices.StillNeeded(notice, request);
        }
        if (notice.StageIndex is not { } stage)
        {
            return request.Status is RequestStatus.Approved or RequestStatus.Dispatched ? null : $"the request is {WireNames.Of(request.Status)}";
        }
        if (request.Status != RequestStatus.PendingApproval || request.CurrentStageIndex != stage)
        {
            return $"stage {stage + 1} is no longer waiting (the request is {WireNames.Of(request.Status)})";
        }
        // A stage opened again after a resubmission has a notice of its own.
        return request.Stages[stage].OpenedAt > notice.OpenedAt ? $"stage {stage + 1} was opened again" : null;
    }

    // An overdue arrival also stops mattering once the teams are reported on site, which the request does not show.
    private async Task<string?> StillNeededAsync(NoticeState notice, AssistanceRequestState request, CancellationToken cancellationToken) =>
        StillNeeded(notice, request) ?? (notice.Kind == NoticeKind.ArrivalOverdue
            && (await store.FindDeploymentAsync(notice.RequestId, notice.AuthorityId, cancellationToken))?.Value.Status != Domain.Deployments.DeploymentStatus.Departed
                ? "the teams are no longer reported on their way"
                : null);

    private Task<IReadOnlyList<Domain.Rosters.OnCallTier>> OnCallAsync(NoticeState notice, DateTimeOffset now, CancellationToken cancellationToken) =>
        OnCallAsync(notice.AuthorityId, notice.Team, notice.LeaderId, now, cancellationToken);

    // The leader, when the notice has one, is a tier of their own ahead of the team's.
    private async Task<IReadOnlyList<Domain.Rosters.OnCallTier>> OnCallAsync(
        string authorityId, string team, string? leaderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tiers = await reachable.OnCallAsync(authorityId, team, now, cancellationToken);
        if (leaderId is null)
        {
            return tiers;
        }
        var leader = await reachable.FilterAsync([new Domain.Rosters.OnCallTier(0, [leaderId])], cancellationToken);
        return [.. leader, .. tiers.Select(t => t with { PersonIds = t.PersonIds.Where(id => id != leaderId).ToList() }).Where(t => t.PersonIds.Count > 0)];
    }

    private async Task AddEffectsAsync(PartitionChange change, Notice notice, AssistanceRequestState request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var text = await NoticeTextAsync(notice.State, request, cancellationToken);
        change.Events.AddRange(notice.Events);
        foreach (var page in notice.Pages)
        {
            if (page.PersonId is null)
            {
                var admins = (await people.ListAsync(notice.State.AuthorityId, cancellationToken)).Where(p => p.Roles.Contains(PersonRoles.Admin)).ToList();
                for (var i = 0; i < admins.Count; i++)
                {
                    change.Send(NewSms(notice.State, admins[i], $"{page.SmsId[33..]}-admin{i}", SmsPurpose.AdminAlert,
                        texts.AdminAlert(admins[i].Language, text), now), request.CorrelationId);
                }
                change.Events.Add(new AuditEvent(0, now, Actor.System.UserId, Actor.System.DisplayName, "admins-alerted", $"{admins.Count} admin(s) of {notice.State.AuthorityId}", notice.State.StageIndex));
                continue;
            }
            if (await people.FindAsync(page.PersonId, cancellationToken) is not { } person)
            {
                continue;
            }
            change.Send(NewSms(notice.State, person, page.SmsId[33..], SmsPurpose.Notice, texts.Notice(person.Language, text), now), request.CorrelationId);
            change.Events.Add(new AuditEvent(0, now, Actor.System.UserId, Actor.System.DisplayName, "notice-sent", person.Name, notice.State.StageIndex));
            if (page.Ring && voice.CanCall)
            {
                // The call goes with the page, through the same at-most-once sending; its body is what it says.
                change.Send(NewSms(notice.State, person, $"{page.SmsId[33..]}-call", SmsPurpose.NoticeCall, Voice.CallScripts.Prompt(person.Language, text), now), request.CorrelationId);
                change.Events.Add(new AuditEvent(0, now, Actor.System.UserId, Actor.System.DisplayName, "notice-called", person.Name, notice.State.StageIndex));
            }
        }
        if (notice.State.Status == NoticeStatus.Open && notice.State.EscalatesAt is { } at && notice.Pages.Count > 0)
        {
            change.Outbox.Add(OutboxRouting.NoticeCheck(request.Id, notice.State.NoticeId, notice.State.Step, at, request.CorrelationId));
        }
    }

    /// <summary>
    /// A page the provider would not take because it refuses our account or sender: ring its person instead, once,
    /// while the notice still needs them. Nothing without a voice number.
    /// </summary>
    public async Task RingInsteadAsync(SmsRecord page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!voice.CanCall || page.NoticeId is null || await store.FindSmsAsync($"{page.SmsId}-call", cancellationToken) is not null
            || await store.FindNoticeAsync(page.RequestId, page.NoticeId, cancellationToken) is not { Value.Status: NoticeStatus.Open } stored
            || await store.FindAsync(page.RequestId, cancellationToken) is not { } loaded
            || await StillNeededAsync(stored.Value, loaded.Request.State, cancellationToken) is not null
            || await people.FindAsync(page.PersonId, cancellationToken) is not { } person)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var text = await NoticeTextAsync(stored.Value, loaded.Request.State, cancellationToken);
        var change = new PartitionChange(page.RequestId);
        change.Send(NewSms(stored.Value, person, $"{page.SmsId[33..]}-call", SmsPurpose.NoticeCall, Voice.CallScripts.Prompt(person.Language, text), now),
            loaded.Request.State.CorrelationId);
        change.Events.Add(new AuditEvent(0, now, Actor.System.UserId, Actor.System.DisplayName, "notice-called", person.Name, stored.Value.StageIndex));
        try
        {
            await writer.CommitAsync(change, cancellationToken);
        }
        catch (ConcurrentChangeException)
        {
            // Another delivery of the same page asked for the call first.
        }
    }

    private async Task<NoticeText> NoticeTextAsync(NoticeState notice, AssistanceRequestState request, CancellationToken cancellationToken)
    {
        var requester = await directory.FindAuthorityAsync(request.RequestingAuthorityId, cancellationToken);
        var recipientAuthority = await directory.FindAuthorityAsync(notice.AuthorityId, cancellationToken);
        var stage = notice.Kind == NoticeKind.OfferApproval && notice.StageIndex is { } o
            ? request.Offers.FirstOrDefault(offer => offer.OfferId == notice.OfferId)?.Stages[o]
            : notice.StageIndex is { } s && !ExchangeNotices.IsExchange(notice.Kind) ? request.Stages[s] : null;
        return new NoticeText(
            notice.Kind, request.Reference, WireNames.Of(request.Details.Urgency), requester?.Name ?? request.RequestingAuthorityId,
            request.Details.Incident.Title,
            notice.Kind switch
            {
                NoticeKind.PartnerAsked => request.Details.NeededBy,
                NoticeKind.ArrivalOverdue => (await store.FindDeploymentAsync(request.Id, notice.AuthorityId, cancellationToken))?.Value.ExpectedArrival,
                _ => stage?.Deadline,
            },
            recipientAuthority?.TimeZone ?? "UTC",
            new Uri(urls.PublicBaseUrl, $"/#/requests/{request.Id}"), notice.Code);
    }

    private static SmsRecord NewSms(NoticeState notice, Person to, string local, SmsPurpose purpose, string body, DateTimeOffset now) =>
        SmsRecord.ToSend(notice.RequestId, local, to, purpose, body, notice.NoticeId, now);

    private static Func<int, string> SmsIds(string requestId, string noticeId) => n => SmsRecord.IdFor(requestId, $"{noticeId}-{n}");

    // Two deliveries of the same notice-requested message race to open it, or one comes again later: the loser's insert
    // fails, and that is fine. False when the notice was there already.
    private async Task<bool> CommitIgnoringDuplicateAsync(PartitionChange change, CancellationToken cancellationToken)
    {
        try
        {
            await writer.CommitAsync(change, cancellationToken);
            return true;
        }
        catch (ConcurrentChangeException)
        {
            if (await store.FindNoticeAsync(change.RequestId, change.Notices[0].Value.NoticeId, cancellationToken) is null)
            {
                throw;
            }
            return false;
        }
    }
}
