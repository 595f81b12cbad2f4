using CivilProtection.Application.Forms;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Interop;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Deployments;

namespace CivilProtection.Application.Deployments;

/// <summary>
/// The same acts as on the page, sent by a party's system as EDXL-RM messages: each passes the page's checks and is
/// remembered with the report or release it made, so that a message applied before stops the change
/// (<see cref="MessageAlreadyAppliedException"/>) before anything commits.
/// </summary>
public sealed partial class DeploymentDesk
{
    /// <summary>The assisting side's system reports its teams' new status (a ReportResourceDeploymentStatus).</summary>
    public Task ReportByMessageAsync(Caller caller, string requestId, string authorityId, StatusReportForm form, string messageId, CancellationToken cancellationToken)
    {
        var report = DeploymentReports.Validate(form, clock.GetUtcNow());
        return ChangeAsync(caller, requestId, authorityId, form.Version, (read, deployment, now) =>
        {
            RefuseRepeat(deployment, messageId);
            if (!DeploymentAccess.CanReport(caller, authorityId, read.Dispatch))
            {
                throw new AccessDeniedException($"Only coordinators of {authorityId} and the responders on its mission report its status.");
            }
            if (Report(read, deployment, report, caller.AsActor(), now) is not { } change)
            {
                return null;
            }
            deployment.NoteReportMessage(messageId);
            change.Deployment = change.Deployment! with { Value = deployment.State };
            return change;
        }, cancellationToken);
    }

    /// <summary>The requester's system releases the teams (a ReleaseResource).</summary>
    public Task ReleaseByMessageAsync(Caller caller, string requestId, string authorityId, string? comment, string messageId, CancellationToken cancellationToken)
    {
        if (comment?.Length > MaxComment)
        {
            throw new FormRejectedException("comment", FieldError.TooLong(MaxComment));
        }
        return ChangeAsync(caller, requestId, authorityId, version: null, (read, deployment, now) =>
        {
            RefuseRepeat(deployment, messageId);
            DeploymentAccess.RequireRequesterSide(caller, read.Request);
            deployment.Release(caller.AsActor(), now, comment);
            deployment.NoteReleaseMessage(messageId);
            return Commit(read, deployment);
        }, cancellationToken);
    }

    private static void RefuseRepeat(Deployment deployment, string messageId)
    {
        if (deployment.HasApplied(messageId))
        {
            throw new MessageAlreadyAppliedException(messageId);
        }
    }
}
