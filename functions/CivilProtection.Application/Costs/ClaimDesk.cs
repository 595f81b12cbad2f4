using CivilProtection.Application.Identity;
using CivilProtection.Application.Outbox;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Costs;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Costs;

/// <summary>
/// Every act on a cost claim: the assisting side submits it once its teams are home and revises a disputed line; the
/// requester reviews each line and records the payment. Each act commits the claim's row with its timeline line in one
/// transaction of the request's partition, guarded by the tag of the row it read. An act that would change nothing (a
/// retried submit, review, revision or payment already applied) is answered as done and stores nothing again.
/// </summary>
public sealed class ClaimDesk(IRequestStore store, PartitionWriter writer, TimeProvider clock)
{
    /// <summary>The caller's authority claims its costs on the request.</summary>
    public Task SubmitAsync(Caller caller, string requestId, ClaimForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var lines = ClaimValidation.Lines(form);
        return ChangeAsync(caller, requestId, caller.AuthorityId, version: null, async (request, stored, token) =>
        {
            ClaimAccess.Require(ClaimAccess.CanClaim(caller, caller.AuthorityId), $"coordinators and admins of {caller.AuthorityId} claim its costs");
            if (stored is { } existing)
            {
                return existing.Value.Claims(lines)
                    ? null
                    : throw new TransitionRefusedException($"{caller.AuthorityId} already claimed its costs on this request; revise a disputed line instead.");
            }
            var deployment = (await store.FindDeploymentAsync(requestId, caller.AuthorityId, token))?.Value;
            return CostClaim.Submit(request, deployment, lines, caller.AsActor(), clock.GetUtcNow());
        }, cancellationToken);
    }

    /// <summary>The assisting side revises the disputed lines of its claim.</summary>
    public Task ReviseAsync(Caller caller, string requestId, string authorityId, ClaimForm form, CancellationToken cancellationToken)
    {
        var lines = ClaimValidation.Lines(form);
        return ActOnAsync(caller, requestId, authorityId, form.Version, claim => ClaimAccess.CanClaim(caller, claim.AuthorityId), "coordinators and admins of the claimant revise it",
            claim => (claim.Claims(lines), c => c.Revise(lines, caller.AsActor(), clock.GetUtcNow())), cancellationToken);
    }

    /// <summary>An approver of the requesting authority decides lines of the claim.</summary>
    public Task ReviewAsync(Caller caller, string requestId, string authorityId, ClaimReviewForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        return ActOnAsync(caller, requestId, authorityId, form.Version, claim => ClaimAccess.CanReview(caller, claim), "approvers of the requesting authority review a claim",
            claim =>
            {
                var verdicts = ClaimValidation.Verdicts(form, claim);
                return (verdicts.All(v => Applied(claim.Lines[v.Line].Review, v)), c => c.Review(verdicts, caller.AsActor(), clock.GetUtcNow()));
            }, cancellationToken);
    }

    /// <summary>An admin or approver of the requesting authority records that the approved amounts are paid.</summary>
    public Task RecordPaymentAsync(Caller caller, string requestId, string authorityId, ClaimPaymentForm form, CancellationToken cancellationToken)
    {
        var reference = ClaimValidation.Reference(form);
        return ActOnAsync(caller, requestId, authorityId, form.Version, claim => ClaimAccess.CanRecordPayment(caller, claim),
            "admins and approvers of the requesting authority record a payment",
            claim => (claim.Status == ClaimStatus.Paid && claim.Payment?.Reference == reference, c => c.MarkPaid(caller.AsActor(), clock.GetUtcNow(), reference)),
            cancellationToken);
    }

    /// <summary>The claims on the request the caller's authority is party to, and their totals per currency.</summary>
    public async Task<RequestClaimsView> ForRequestAsync(Caller caller, string requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var loaded = await store.FindAsync(requestId, cancellationToken) ?? throw new NotFoundException($"There is no request {requestId}.");
        RequestAccess.RequireVisible(caller, loaded.Request.State);
        var claims = (await store.ListClaimsAsync(requestId, cancellationToken)).Select(c => c.Value).Where(c => ClaimAccess.IsParty(caller, c))
            .OrderBy(c => c.AuthorityId, StringComparer.Ordinal).ToList();
        return new RequestClaimsView(requestId, loaded.Request.State.Reference, claims.Select(c => ClaimView.Of(c, ClaimAccess.AllowedActions(caller, c))).ToList(),
            ClaimTotals.Of(claims));
    }

    /// <summary>The caller's authority's claims across requests, per other party and currency, as either party.</summary>
    /// <summary>Every claim the caller's authority is party to, as the claimant or as the requester, by request.</summary>
    public async Task<IReadOnlyList<ClaimState>> OfPartyAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return (await store.ListClaimsOfPartyAsync(caller.AuthorityId, cancellationToken)).Where(c => ClaimAccess.IsParty(caller, c))
            .OrderBy(c => c.RequestId, StringComparer.Ordinal).ThenBy(c => c.AuthorityId, StringComparer.Ordinal).ToList();
    }

    public async Task<AuthorityClaimTotals> TotalsAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var claims = (await store.ListClaimsOfPartyAsync(caller.AuthorityId, cancellationToken)).Where(c => ClaimAccess.IsParty(caller, c)).ToList();
        return new AuthorityClaimTotals(caller.AuthorityId,
            PerParty(claims.Where(c => c.AuthorityId == caller.AuthorityId), c => c.RequestingAuthorityId),
            PerParty(claims.Where(c => c.RequestingAuthorityId == caller.AuthorityId), c => c.AuthorityId));
    }

    private static List<PartyTotal> PerParty(IEnumerable<ClaimState> claims, Func<ClaimState, string> other) =>
        claims.GroupBy(other, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => ClaimTotals.Of(g).Select(t => new PartyTotal(g.Key, t.Currency, g.Count(c => c.Lines.Any(l => l.Currency == t.Currency)), t.Claimed, t.Approved, t.Paid)))
            .ToList();

    // A decision the line already carries is a repeat: the same outcome, amount and reason.
    private static bool Applied(LineReview review, LineVerdict verdict) => (verdict.Decision, review.Status) switch
    {
        (LineDecision.Approve, LineReviewStatus.Approved) => review.Reason == verdict.Reason,
        (LineDecision.PartlyApprove, LineReviewStatus.PartlyApproved) => review.ApprovedAmount == verdict.ApprovedAmount && review.Reason == verdict.Reason,
        (LineDecision.Dispute, LineReviewStatus.Disputed) => review.Reason == verdict.Reason,
        _ => false,
    };

    // An act on a submitted claim: visible to its parties only, allowed to some of them; null when already applied
    // (a retry), otherwise the claim once acted on.
    private Task ActOnAsync(
        Caller caller, string requestId, string authorityId, int? version, Func<ClaimState, bool> allowed, string who,
        Func<ClaimState, (bool Applied, Action<CostClaim> Act)> plan, CancellationToken cancellationToken) =>
        ChangeAsync(caller, requestId, authorityId, version, (_, stored, _) =>
        {
            var claim = ClaimAccess.RequireVisible(caller, stored?.Value, requestId, authorityId);
            ClaimAccess.Require(allowed(claim), who);
            var (applied, act) = plan(claim);
            if (applied)
            {
                return Task.FromResult<CostClaim?>(null);
            }
            var acted = CostClaim.Restore(claim);
            act(acted);
            return Task.FromResult<CostClaim?>(acted);
        }, cancellationToken);

    // Reads, checks the request is visible and the claim unchanged since the version the caller saw, acts, commits; a
    // commit that lost a race reads and decides again.
    private async Task ChangeAsync(
        Caller caller, string requestId, string authorityId, int? version,
        Func<AssistanceRequestState, Versioned<ClaimState>?, CancellationToken, Task<CostClaim?>> act, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        int? stale = null;
        await ConflictRetry.Conflicts.ExecuteAsync(async token =>
        {
            var loaded = await store.FindAsync(requestId, token) ?? throw new NotFoundException($"There is no request {requestId}.");
            RequestAccess.RequireVisible(caller, loaded.Request.State);
            var stored = await store.FindClaimAsync(requestId, authorityId, token);
            var acted = await act(loaded.Request.State, stored, token);
            if (acted is null)
            {
                return;
            }
            var current = stored?.Value.Version ?? 0;
            if (version is { } seen && seen != current)
            {
                stale = current;
                return;
            }
            var change = new PartitionChange(requestId) { Claim = new Versioned<ClaimState>(acted.State, stored?.ETag) };
            change.Events.AddRange(acted.Events);
            if (acted.State.Status == ClaimStatus.Paid)
            {
                // The last claim paid may end the mission.
                change.Outbox.Add(OutboxRouting.MissionCheck(requestId, $"claim-paid-{authorityId}", loaded.Request.State.CorrelationId));
            }
            await writer.CommitAsync(change, token);
        }, cancellationToken);
        if (stale is { } now)
        {
            throw new ConcurrentChangeException($"The claim changed since you looked at it (version {version}, now {now}); reload it and act again.", version ?? 0, now);
        }
    }
}
