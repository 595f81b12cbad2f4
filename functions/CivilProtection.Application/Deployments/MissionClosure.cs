using CivilProtection.Application.Forms;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Deployments;
using CivilProtection.Domain.Dispatch;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Deployments;

/// <summary>
/// The end of a request to partners: each party writes its after-action note, and the request closes by itself once
/// every deployment has returned, every party has written and every cost claim submitted is paid. (A mission-check
/// message follows each change that may complete it, so the close happens once whichever change comes last, and
/// survives a crash between.)
/// </summary>
public sealed class MissionClosure(IRequestStore store, RequestChanges changes)
{
    /// <summary>The requester's duty officers and coordinators, and an assisting party's coordinators and admins, write its note.</summary>
    public Task NoteAsync(Caller caller, string requestId, AfterActionForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var note = form.Note?.Trim() ?? "";
        if (note.Length is 0 or > AssistanceRequest.MaxAfterActionNote)
        {
            throw new FormRejectedException("note", FieldError.TooLong(AssistanceRequest.MaxAfterActionNote));
        }
        return changes.ChangeAsync(caller, requestId, expectedVersion: null, (request, now) =>
        {
            var requester = caller.AuthorityId == request.State.RequestingAuthorityId;
            var allowed = requester
                ? caller.IsIn(Roles.DutyOfficer) || caller.IsIn(Roles.Coordinator)
                : (caller.IsIn(Roles.Coordinator) || caller.IsIn(Roles.Admin)) && CommitmentNeeds.CommitmentsOf(request.State, caller.AuthorityId).Count > 0;
            if (!allowed)
            {
                throw new AccessDeniedException("Only the requester's duty officers and coordinators, and the coordinators and admins of an authority whose offer was accepted, write an after-action note.");
            }
            request.NoteAfterAction(caller.AuthorityId, caller.AsActor(), now, note);
        }, cancellationToken);
    }

    /// <summary>What still keeps the mission open: deployments not home, notes not written, claims not paid. Empty lists: it can close.</summary>
    public async Task<MissionStanding> StandingAsync(AssistanceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var returned = (await store.ListDeploymentsAsync(request.State.Id, cancellationToken))
            .Where(d => d.Value.Status == DeploymentStatus.Returned).Select(d => d.Value.AuthorityId).ToHashSet(StringComparer.Ordinal);
        var away = request.AfterActionParties.Skip(1).Where(a => !returned.Contains(a)).ToList();
        var unpaid = (await store.ListClaimsAsync(request.State.Id, cancellationToken))
            .Where(c => c.Value.Status != Domain.Costs.ClaimStatus.Paid).Select(c => c.Value.AuthorityId).ToList();
        return new MissionStanding(away, request.AfterActionNotesOwed) { ClaimsUnpaid = unpaid };
    }

    /// <summary>A mission-check: closes the request when nothing keeps it open. False when there is no such request.</summary>
    public async Task<bool> CheckAsync(string requestId, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(requestId, cancellationToken) is not { } loaded)
        {
            return false;
        }
        if (!loaded.Request.State.IsExchange || loaded.Request.State.Status != RequestStatus.Open
            || loaded.Request.AfterActionParties.Count < 2 || !(await StandingAsync(loaded.Request, cancellationToken)).Over)
        {
            return true;
        }
        try
        {
            await changes.ChangeAsync(null, requestId, expectedVersion: null, (request, now) => request.CloseAfterMission(now), cancellationToken);
        }
        catch (TransitionRefusedException)
        {
            // Closed meanwhile (by the requester, or by another check): nothing left to do.
        }
        return true;
    }
}

/// <summary>What keeps a mission open: the assisting authorities whose teams are not home, the parties whose note is missing.</summary>
public sealed record MissionStanding(IReadOnlyList<string> DeploymentsAway, IReadOnlyList<string> NotesOwed)
{
    /// <summary>The assisting authorities whose submitted cost claim is not paid yet.</summary>
    public IReadOnlyList<string> ClaimsUnpaid { get; init; } = [];

    public bool Over => DeploymentsAway.Count == 0 && NotesOwed.Count == 0 && ClaimsUnpaid.Count == 0;
}
