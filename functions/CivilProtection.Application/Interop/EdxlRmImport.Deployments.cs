using System.Xml.Linq;
using CivilProtection.Application.Deployments;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Offers;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Deployments;
using static CivilProtection.Application.Interop.EdxlRmNames;

namespace CivilProtection.Application.Interop;

/// <summary>
/// Deployment messages: the assisting side's system reports its teams' status, the requester's system releases them.
/// Each goes through the page's own act on <see cref="DeploymentDesk"/>, so the same checks apply, and is remembered on
/// the report or release it made.
/// </summary>
public sealed partial class EdxlRmImport
{
    private async Task<EdxlRmImported> ReceiveDeploymentReportAsync(Caller caller, XElement message, CancellationToken cancellationToken)
    {
        var form = EdxlRmDeploymentForms.ReportOf(message);
        return await ApplyToDeploymentAsync(caller, message, EdxlRmMessageKind.ReportResourceDeploymentStatus,
            (requestId, authorityId, messageId) => deployments.ReportByMessageAsync(caller, requestId, authorityId, form, messageId, cancellationToken),
            cancellationToken);
    }

    private Task<EdxlRmImported> ReceiveReleaseAsync(Caller caller, XElement message, CancellationToken cancellationToken)
    {
        var comment = EdxlRmForms.Text(message.Element(Msg + "MessageDescription"));
        return ApplyToDeploymentAsync(caller, message, EdxlRmMessageKind.ReleaseResource,
            (requestId, authorityId, messageId) => deployments.ReleaseByMessageAsync(caller, requestId, authorityId, comment, messageId, cancellationToken),
            cancellationToken);
    }

    // The deployment is the one of the authority whose offer or commitment the PrecedingMessageID names; a repeat, or a
    // twin that committed first, answers as the first time.
    private async Task<EdxlRmImported> ApplyToDeploymentAsync(
        Caller caller, XElement message, EdxlRmMessageKind kind, Func<string, string, string, Task> apply, CancellationToken cancellationToken)
    {
        var messageId = EdxlRmForms.MessageIdOf(message);
        var requestId = RequestReferredTo(message);
        var authorityId = await DeploymentReferredToAsync(caller, message, requestId, cancellationToken);
        var done = new EdxlRmImported(messageId, kind, requestId, null, Applied: true);
        if (await DeploymentAppliedBeforeAsync(caller, requestId, authorityId, messageId, cancellationToken))
        {
            return done with { Applied = false };
        }
        try
        {
            await apply(requestId, authorityId, messageId);
            return done;
        }
        catch (Exception ex) when (ex is MessageAlreadyAppliedException or ConcurrentChangeException)
        {
            if (await DeploymentAppliedBeforeAsync(caller, requestId, authorityId, messageId, cancellationToken))
            {
                return done with { Applied = false };
            }
            throw;
        }
        catch (FormRejectedException refused)
        {
            throw EdxlRmForms.InMessageTerms(refused, message, EdxlRmDeploymentForms.ElementOf);
        }
    }

    private async Task<string> DeploymentReferredToAsync(Caller caller, XElement message, string requestId, CancellationToken cancellationToken)
    {
        var preceding = EdxlRmForms.Text(message.Element(Msg + "PrecedingMessageID")) ?? "";
        var request = (await store.FindAsync(requestId, cancellationToken))?.Request.State;
        var offer = request?.Offers.FirstOrDefault(o =>
            EdxlRmWriter.OfferMessageId(request, o) == preceding || EdxlRmWriter.CommitMessageId(request, o) == preceding);
        if (request is null || offer is null || !OfferAccess.CanSee(caller, request, offer))
        {
            throw new NotFoundException($"The PrecedingMessageID {preceding} names no offer or commitment on request {requestId} that is visible to you.");
        }
        return offer.AuthorityId;
    }

    // Only a deployment the caller sees answers a repeat: anyone else learns nothing of it (the desk answers 404).
    private async Task<bool> DeploymentAppliedBeforeAsync(Caller caller, string requestId, string authorityId, string messageId, CancellationToken cancellationToken)
    {
        var request = (await store.FindAsync(requestId, cancellationToken))?.Request.State;
        var deployment = (await store.FindDeploymentAsync(requestId, authorityId, cancellationToken))?.Value;
        return request is not null && deployment is not null && RequestAccess.CanSee(caller, request) && DeploymentAccess.CanSee(caller, request, authorityId)
            && Deployment.Restore(deployment).HasApplied(messageId);
    }
}
