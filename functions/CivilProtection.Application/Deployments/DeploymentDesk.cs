using CivilProtection.Application.Capabilities;
using CivilProtection.Application.Dispatch;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Notices;
using CivilProtection.Application.Outbox;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Deployments;
using CivilProtection.Domain.Dispatch;
using CivilProtection.Domain.Notices;
using CivilProtection.Domain.Requests;
using Microsoft.Extensions.Options;

namespace CivilProtection.Application.Deployments;

/// <summary>
/// Every act on a deployment: the assisting side's status reports (on the page or by SMS), the requester's extension
/// and release, the assisting side's decision on an extension. Each commits the deployment's row with its timeline
/// line (and, for a departure, the arrival check that chases a late arrival) in one transaction of the request's
/// partition, guarded by the tag of the row it read.
/// </summary>
public sealed partial class DeploymentDesk(
    IRequestStore store, ICompositionStore compositions, NoticeDesk notices, PartitionWriter writer, IOptions<NoticeOptions> options, TimeProvider clock)
{
    public const int MaxComment = 500;

    /// <summary>The assisting side reports its teams' new status on the page.</summary>
    public async Task ReportAsync(Caller caller, string requestId, string authorityId, StatusReportForm form, CancellationToken cancellationToken)
    {
        var report = DeploymentReports.Validate(form, clock.GetUtcNow());
        await ChangeAsync(caller, requestId, authorityId, form.Version, (read, deployment, now) =>
        {
            if (!DeploymentAccess.CanReport(caller, authorityId, read.Dispatch))
            {
                throw new AccessDeniedException($"Only coordinators of {authorityId} and the responders on its mission report its status.");
            }
            return Report(read, deployment, report, caller.AsActor(), now);
        }, cancellationToken);
    }

    /// <summary>
    /// A responder on the mission reported by SMS (<see cref="Sms.StatusKeywords"/>), the message recorded with the
    /// report. Returns what it did (or what an earlier call committed for the same message): the status recorded, or
    /// refused as unable to follow the current one (a departure without its arrival has no detail); null when the
    /// request is not one of the sender's missions any more.
    /// </summary>
    public async Task<Sms.ReplyEffect?> ReportBySmsAsync(
        Domain.Rosters.Person person, string requestId, DeploymentReport report, string messageSid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(report);
        Sms.ReplyEffect? effect = null;
        await ConflictRetry.Conflicts.ExecuteAsync(async token =>
        {
            var read = await ReadAsync(requestId, person.AuthorityId, token);
            var now = clock.GetUtcNow();
            if (read is null || IsOver(read.Request) || !DeploymentAccess.IsEngaged(person.PersonId, read.Dispatch))
            {
                // Read after the deployment: if this very message was applied, its record was committed with it.
                effect = (await store.FindAppliedReplyAsync(requestId, messageSid, token))?.Effect;
                return;
            }
            var current = read.Stored?.Value.Status;
            var reference = read.Request.Reference;
            if (current == report.Status)
            {
                effect = (await store.FindAppliedReplyAsync(requestId, messageSid, token))?.Effect
                    ?? new Sms.ReplyEffect(Sms.ReplyOutcome.StatusReported, requestId, reference) { Detail = WireNames.Of(report.Status) };
                return;
            }
            if (!CanReach(read.Stored?.Value, report.Status) || (report.Status == DeploymentStatus.Departed && report.ExpectedArrival is null))
            {
                effect = new Sms.ReplyEffect(Sms.ReplyOutcome.StatusRefused, requestId, reference)
                {
                    Detail = report.Status == DeploymentStatus.Departed && CanReach(read.Stored?.Value, report.Status) ? null
                        : WireNames.Of(current ?? DeploymentStatus.Mobilising),
                };
                return;
            }
            var by = new Actor(person.PersonId, person.Name);
            var deployment = await LoadOrMobiliseAsync(read, person.AuthorityId, by, now, token);
            var change = Report(read, deployment, report, by, now)!;
            change.Reply = new Sms.AppliedReply(messageSid, requestId, Sms.ReplyOutcome.StatusReported, reference, now)
            {
                Detail = WireNames.Of(report.Status),
            };
            await CommitAsync(change, now, token);
            effect = change.Reply.Effect;
        }, cancellationToken);
        return effect;
    }

    /// <summary>The requester asks to keep the teams until a later end.</summary>
    public Task AskExtensionAsync(Caller caller, string requestId, string authorityId, ExtensionForm form, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var now = clock.GetUtcNow();
        if (form.Until is not { } until || until <= now)
        {
            errors.Add("until", FieldError.InThePast);
        }
        var reason = form.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > MaxComment)
        {
            errors.Add("reason", FieldError.ReasonRequired);
        }
        if (errors.Any)
        {
            throw new FormRejectedException(errors);
        }
        return ChangeAsync(caller, requestId, authorityId, form.Version, (read, deployment, at) =>
        {
            DeploymentAccess.RequireRequesterSide(caller, read.Request);
            deployment.AskExtension(form.Until!.Value, reason, StagesOf(read.Request, authorityId), caller.AsActor(), at);
            return Told(Commit(read, deployment), read.Request, authorityId, authorityId, AuditActions.DeploymentExtensionAsked, deployment);
        }, cancellationToken);
    }

    /// <summary>An approver of the assisting authority decides the current stage of the pending extension.</summary>
    public Task DecideExtensionAsync(Caller caller, string requestId, string authorityId, ExtensionDecisionForm form, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var approve = form.Decision switch { "approve" => true, "decline" => false, _ => (bool?)null };
        if (approve is null)
        {
            errors.Add("decision", FieldError.NotOneOf(["approve", "decline"]));
        }
        var comment = string.IsNullOrWhiteSpace(form.Comment) ? null : form.Comment.Trim();
        if (comment?.Length > MaxComment)
        {
            errors.Add("comment", FieldError.TooLong(MaxComment));
        }
        else if (approve == false && comment is null)
        {
            errors.Add("comment", FieldError.ReasonRequired);
        }
        if (errors.Any)
        {
            throw new FormRejectedException(errors);
        }
        return ChangeAsync(caller, requestId, authorityId, form.Version, (read, deployment, now) =>
        {
            if (!caller.IsIn(Roles.Approver) || caller.AuthorityId != authorityId)
            {
                throw new AccessDeniedException($"Only approvers of {authorityId} decide an extension of its deployment.");
            }
            var pending = deployment.State.PendingExtension ?? throw new TransitionRefusedException("No extension is waiting for a decision.");
            var stage = pending.Stages[pending.CurrentStageIndex];
            if (!DeploymentAccess.CanDecide(caller, authorityId, stage))
            {
                throw new AccessDeniedException($"Only the {stage.ApproverGroup} approvers of {authorityId} decide the {stage.Name} stage of the extension.");
            }
            var decided = deployment.DecideExtension(approve!.Value, comment, caller.AsActor(), now);
            var change = Commit(read, deployment);
            return decided.Status switch
            {
                ExtensionStatus.Approved => Told(change, read.Request, authorityId, read.Request.RequestingAuthorityId, AuditActions.DeploymentExtended, deployment),
                ExtensionStatus.Declined => Told(change, read.Request, authorityId, read.Request.RequestingAuthorityId, AuditActions.DeploymentExtensionDeclined, deployment),
                _ => change,
            };
        }, cancellationToken);
    }

    /// <summary>The requester releases the teams.</summary>
    public Task ReleaseAsync(Caller caller, string requestId, string authorityId, ReleaseForm form, CancellationToken cancellationToken)
    {
        var comment = string.IsNullOrWhiteSpace(form.Comment) ? null : form.Comment.Trim();
        if (comment?.Length > MaxComment)
        {
            throw new FormRejectedException("comment", FieldError.TooLong(MaxComment));
        }
        return ChangeAsync(caller, requestId, authorityId, form.Version, (read, deployment, now) =>
        {
            DeploymentAccess.RequireRequesterSide(caller, read.Request);
            deployment.Release(caller.AsActor(), now, comment);
            return Told(Commit(read, deployment), read.Request, authorityId, authorityId, AuditActions.DeploymentReleased, deployment);
        }, cancellationToken);
    }

    /// <summary>What a deployment and the request's state around it are, as read for one act.</summary>
    internal sealed record Read(LoadedRequest Loaded, Versioned<DeploymentState>? Stored, DispatchState? Dispatch)
    {
        public AssistanceRequestState Request => Loaded.Request.State;
    }

    internal async Task<Read?> ReadAsync(string requestId, string authorityId, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(requestId, cancellationToken) is not { } loaded)
        {
            return null;
        }
        var stored = await store.FindDeploymentAsync(requestId, authorityId, cancellationToken);
        var dispatch = (await store.FindDispatchAsync(requestId, authorityId, cancellationToken))?.Value;
        return new Read(loaded, stored, dispatch);
    }

    /// <summary>How many people an authority's commitments on the request call for, with its own team compositions.</summary>
    internal async Task<int> PeopleAsync(AssistanceRequestState request, string authorityId, CancellationToken cancellationToken) =>
        (await compositions.CommitmentNeedsAsync(request, authorityId, cancellationToken)).Sum(n => n.Needed);

    // Reads, checks who may see it and the version the caller saw, acts, commits; a commit that lost a race reads
    // and decides again.
    private async Task ChangeAsync(
        Caller caller, string requestId, string authorityId, int? version, Func<Read, Deployment, DateTimeOffset, PartitionChange?> act,
        CancellationToken cancellationToken)
    {
        int? stale = null;
        await ConflictRetry.Conflicts.ExecuteAsync(async token =>
        {
            var read = await ReadAsync(requestId, authorityId, token) ?? throw new NotFoundException($"There is no request {requestId}.");
            DeploymentAccess.RequireVisible(caller, read.Request, authorityId);
            var current = read.Stored?.Value.Version ?? 0;
            if (version is { } seen && seen != current)
            {
                stale = current;
                return;
            }
            if (IsOver(read.Request))
            {
                throw new TransitionRefusedException($"The request is {WireNames.Of(read.Request.Status)}.");
            }
            var now = clock.GetUtcNow();
            var deployment = await LoadOrMobiliseAsync(read, authorityId, Actor.System, now, token);
            if (act(read, deployment, now) is { } change)
            {
                await CommitAsync(change, now, token);
            }
        }, cancellationToken);
        if (stale is { } now)
        {
            throw new ConcurrentChangeException($"The deployment changed since you looked at it (version {version}, now {now}); reload it and act again.", version ?? 0, now);
        }
    }

    // The first act on a deployment starts it where every accepted offer starts: mobilising.
    private async Task<Deployment> LoadOrMobiliseAsync(Read read, string authorityId, Actor by, DateTimeOffset now, CancellationToken cancellationToken) =>
        read.Stored is { } stored
            ? Deployment.Restore(stored.Value)
            : Deployment.Mobilise(read.Request, authorityId, await PeopleAsync(read.Request, authorityId, cancellationToken), by, now);

    // A report of the status the deployment is already in is a repeat: it changes nothing.
    private PartitionChange? Report(Read read, Deployment deployment, DeploymentReport report, Actor by, DateTimeOffset now)
    {
        if (read.Stored?.Value.Status == report.Status)
        {
            return null;
        }
        if (report.Status != DeploymentStatus.Mobilising || read.Stored is not null)
        {
            deployment.Report(report.Status, by, now, report.Where, report.Comment, report.ExpectedArrival);
        }
        var change = Commit(read, deployment);
        if (report.Status == DeploymentStatus.Returned)
        {
            // The last team home may end the mission.
            change.Outbox.Add(OutboxRouting.MissionCheck(read.Request.Id, $"returned-{deployment.State.AuthorityId}", read.Request.CorrelationId));
        }
        if (report.Status == DeploymentStatus.Departed)
        {
            change.Outbox.Add(OutboxRouting.ArrivalCheck(read.Request.Id, deployment.State.AuthorityId,
                report.ExpectedArrival!.Value + options.Value.ArrivalOverdueAfter, read.Request.CorrelationId));
        }
        return change;
    }

    // Teams reported on site end the chase of their arrival, in the same transaction.
    private async Task CommitAsync(PartitionChange change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (change.Deployment?.Value is { Status: DeploymentStatus.ArrivedOnSite } arrived && change.Events.Any(e => e.Action == AuditActions.DeploymentReported))
        {
            await notices.AddArrivalReportedAsync(change, arrived.AuthorityId, now, cancellationToken);
        }
        await writer.CommitAsync(change, cancellationToken);
    }

    // The other party follows up by SMS: the message travels in the act's own outbox.
    private static PartitionChange Told(
        PartitionChange change, AssistanceRequestState request, string assistingId, string toldId, string action, Deployment deployment)
    {
        change.Outbox.Add(DeploymentTold.Row(request, assistingId, toldId, action, deployment.State.Version));
        return change;
    }

    private static PartitionChange Commit(Read read, Deployment deployment)
    {
        var change = new PartitionChange(read.Request.Id) { Deployment = new Versioned<DeploymentState>(deployment.State, read.Stored?.ETag) };
        change.Events.AddRange(deployment.Events);
        return change;
    }

    // The assisting side decides an extension through the stages its accepted offer went through.
    private static IReadOnlyList<ExtensionStage> StagesOf(AssistanceRequestState request, string authorityId) =>
        CommitmentNeeds.CommitmentsOf(request, authorityId)[0].Stages.Select(s => new ExtensionStage(s.Name, s.ApproverGroup)).ToList();

    private static bool CanReach(DeploymentState? current, DeploymentStatus status) =>
        current is null ? status is DeploymentStatus.Mobilising or DeploymentStatus.Departed : Deployment.CanMove(current.Status, status);

    private static bool IsOver(AssistanceRequestState request) => request.Status is RequestStatus.Closed or RequestStatus.Cancelled;
}
