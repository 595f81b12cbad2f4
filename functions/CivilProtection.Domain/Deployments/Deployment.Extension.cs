using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Deployments;

/// <summary>The requester's side of a deployment: asking to extend it, and releasing the teams.</summary>
public sealed partial class Deployment
{
    /// <summary>
    /// The requester asks to keep the teams until <paramref name="until"/>: later than the planned end and than now,
    /// one extension at a time, and not once they are going home. The assisting side decides it through
    /// <paramref name="stages"/> (the stages its offer went through).
    /// </summary>
    public ExtensionRequest AskExtension(DateTimeOffset until, string reason, IReadOnlyList<ExtensionStage> stages, Actor by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(stages);
        RequireStillWanted("extended");
        if (State.PendingExtension is not null)
        {
            throw new TransitionRefusedException("An extension is already waiting for the assisting authority's decision.");
        }
        if (until <= now || (State.PlannedEnd is { } end && until <= end))
        {
            throw new TransitionRefusedException("An extension ends later than the planned end and than now.");
        }
        var extension = new ExtensionRequest(until, reason, by.UserId, by.DisplayName, now,
            stages.Count == 0 ? [new ExtensionStage("approval", null)] : stages);
        Change(State with { Extensions = [.. State.Extensions, extension] });
        _events.Add(Line(now, by, AuditActions.DeploymentExtensionAsked, reason));
        return extension;
    }

    /// <summary>
    /// The current stage of the pending extension decides: an approval moves it to the next stage or, at the last,
    /// moves the planned end; a refusal declines it. Whether <paramref name="by"/> belongs to the stage's group is the
    /// caller's to check (<see cref="ExtensionRequest.Stages"/>).
    /// </summary>
    public ExtensionRequest DecideExtension(bool approve, string? comment, Actor by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        var pending = State.PendingExtension ?? throw new TransitionRefusedException("No extension is waiting for a decision.");
        var stage = pending.Stages[pending.CurrentStageIndex];
        var decided = stage with { Approved = approve, DecidedBy = by.UserId, DeciderName = by.DisplayName, DecidedAt = now, Comment = comment };
        var stages = pending.Stages.Select((s, i) => i == pending.CurrentStageIndex ? decided : s).ToList();
        var last = pending.CurrentStageIndex == stages.Count - 1;
        var extension = pending with
        {
            Stages = stages,
            Status = !approve ? ExtensionStatus.Declined : last ? ExtensionStatus.Approved : ExtensionStatus.Pending,
            CurrentStageIndex = approve && !last ? pending.CurrentStageIndex + 1 : pending.CurrentStageIndex,
        };
        Change(State with
        {
            Extensions = [.. State.Extensions.Take(State.Extensions.Count - 1), extension],
            PlannedEnd = extension.Status == ExtensionStatus.Approved ? extension.Until : State.PlannedEnd,
        });
        var action = extension.Status switch
        {
            ExtensionStatus.Declined => AuditActions.DeploymentExtensionDeclined,
            ExtensionStatus.Approved => AuditActions.DeploymentExtended,
            _ => AuditActions.DeploymentExtensionStageApproved,
        };
        _events.Add(Line(now, by, action, comment));
        return extension;
    }

    /// <summary>The requester releases the teams, early or at the planned end: the assisting side then reports them going home.</summary>
    public void Release(Actor by, DateTimeOffset now, string? comment)
    {
        ArgumentNullException.ThrowIfNull(by);
        RequireStillWanted("released");
        if (State.Release is not null)
        {
            throw new TransitionRefusedException("The teams were already released.");
        }
        // A pending extension has no purpose once the teams are let go.
        var extensions = State.PendingExtension is { } pending
            ? [.. State.Extensions.Take(State.Extensions.Count - 1), pending with { Status = ExtensionStatus.Declined }]
            : State.Extensions;
        Change(State with { Release = new DeploymentRelease(by.UserId, by.DisplayName, now, comment), Extensions = extensions });
        _events.Add(Line(now, by, AuditActions.DeploymentReleased, comment));
    }

    private void RequireStillWanted(string what)
    {
        if (State.Status is DeploymentStatus.Demobilising or DeploymentStatus.Returned)
        {
            throw new TransitionRefusedException($"A deployment that is {WireNames.Of(State.Status)} cannot be {what}.");
        }
    }

    private void Change(DeploymentState next) => State = next with { Version = State.Version + 1 };

    private AuditEvent Line(DateTimeOffset now, Actor by, string action, string? comment) =>
        new(0, now, by.UserId, by.DisplayName, action, comment, null, AuthorityId: State.AuthorityId);
}
