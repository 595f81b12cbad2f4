using CivilProtection.Application.Outbox;
using CivilProtection.Domain.Dispatch;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Notices;

/// <summary>
/// The other party of a deployment is told by SMS (<see cref="PartyInformation"/>, its contact point's first tier on
/// call) of an act it must follow up: the assisting side of an extension asked (its approvers decide) and of a
/// release (it reports the way home); the requester of the decision on its extension.
/// </summary>
public static class DeploymentTold
{
    public static bool IsDeploymentAct(string action) =>
        action is AuditActions.DeploymentExtensionAsked or AuditActions.DeploymentExtended or AuditActions.DeploymentExtensionDeclined
            or AuditActions.DeploymentReleased;

    /// <summary>
    /// The outbox row telling <paramref name="toldId"/> of <paramref name="action"/> on the deployment of
    /// <paramref name="assistingId"/> at its <paramref name="deploymentVersion"/>: one per act, so a repeat is dropped.
    /// </summary>
    public static OutboxRow Row(AssistanceRequestState request, string assistingId, string toldId, string action, int deploymentVersion)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Named by the assisting authority's accepted offer, so the requester is told who acted.
        var commitments = CommitmentNeeds.CommitmentsOf(request, assistingId);
        var offerId = commitments.Count > 0 ? commitments[0].OfferId : null;
        var message = new RequestMessage(RequestMessageKinds.PartnerInformed, request.Id, deploymentVersion, null, toldId, offerId, action);
        return OutboxRouting.ToRow(message, request.CorrelationId) with { MessageId = $"{request.Id}:deployment-{assistingId}:{deploymentVersion}:{action}" };
    }
}
