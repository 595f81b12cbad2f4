using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CivilProtection.Application.Directory;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Outbox;
using CivilProtection.Application.Problems;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Requests;

/// <summary>Files requests for assistance: validates the form, commits the request with its outbox, and hands it to the relay.</summary>
public sealed class RequestIntake(
    IDirectory directory,
    IRequestStore store,
    IReferenceAllocator references,
    IIdempotencyStore idempotency,
    Offers.Addressing partners,
    OutboxRelay relay,
    Capabilities.NationalTypes nationalTypes,
    TimeProvider clock)
{
    /// <summary>Files a request; with an idempotency key, a retry returns the request the first attempt created.</summary>
    public async Task<FilingResult> FileAsync(Caller caller, RequestForm form, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (!caller.IsIn(Roles.DutyOfficer))
        {
            throw new AccessDeniedException("Only duty officers file requests for assistance.");
        }
        var requestingAuthorityId = form.RequestingAuthorityId ?? caller.AuthorityId;
        if (requestingAuthorityId != caller.AuthorityId)
        {
            throw new AccessDeniedException("You can file requests only on behalf of your own authority.");
        }

        var now = clock.GetUtcNow();
        var errors = new FieldErrors();
        var national = await nationalTypes.ActiveCodesAsync(form.Capabilities?.Select(c => c?.Code), cancellationToken);
        var details = RequestDetailsValidator.Validate(form, now, errors, out var catalogueVersion, national);
        var toPartners = form.AssistingAuthorityIds is not null || form.AllPartners == true;
        var route = toPartners ? null : await FindRouteAsync(requestingAuthorityId, form.AssistingAuthorityId, errors, cancellationToken);
        var partnerships = toPartners ? await partners.ResolveAsync(requestingAuthorityId, form, errors, cancellationToken) : [];
        Offers.Addressing.CheckOffersBy(form, toPartners, now, errors);
        if (errors.Any || details is null || (route is null && partnerships.Count == 0))
        {
            throw new FormRejectedException(errors);
        }

        var requestId = RequestIds.New(now);
        if (idempotencyKey is not null)
        {
            var claim = await idempotency.ClaimAsync(caller.UserId, idempotencyKey, Fingerprint(form), requestId, cancellationToken);
            if (claim.BodyFingerprint != Fingerprint(form))
            {
                throw new IdempotencyKeyReusedException("This Idempotency-Key was already used with a different request body.");
            }
            if (!claim.IsNew && await store.FindAsync(claim.RequestId, cancellationToken) is { } earlier)
            {
                return await ReplayAsync(earlier.Request.State, cancellationToken);
            }
            // The first attempt claimed the key but died before committing: finish it under the same id.
            requestId = claim.RequestId;
        }

        var reference = await references.NextAsync(now.Year, cancellationToken);
        var request = route is not null
            ? AssistanceRequest.File(requestId, reference, details, route, caller.AsActor(), now, correlationId: requestId, catalogueVersion)
            : AssistanceRequest.FileToPartners(requestId, reference, details, requestingAuthorityId, partnerships.Select(p => p.AssistingAuthorityId).ToList(),
                Offers.Addressing.ValidationStages(partnerships), caller.AsActor(), now, correlationId: requestId, catalogueVersion, form.OffersBy);
        IReadOnlyList<OutboxRow> rows;
        try
        {
            rows = await store.CreateAsync(request, cancellationToken);
        }
        catch (RequestAlreadyExistsException) when (idempotencyKey is not null)
        {
            // A concurrent retry with the same key committed first.
            var winner = await store.FindAsync(requestId, cancellationToken) ?? throw new InvalidOperationException("The request vanished.");
            return await ReplayAsync(winner.Request.State, cancellationToken);
        }
        // No marker: the sweep finds a new request's unpublished rows by its id, which sorts by filing time.
        relay.PublishSoon(new CommittedOutbox(null, rows));
        Workflow.WorkflowTelemetry.RecordFiled(WireNames.Of(details.Urgency));
        return new FilingResult(request.State, request.NewEvents, Created: true);
    }

    private async Task<FilingResult> ReplayAsync(AssistanceRequestState state, CancellationToken cancellationToken) =>
        new(state, await store.ReadTimelineAsync(state.Id, cancellationToken), Created: false);

    private async Task<Domain.Approvals.ApprovalRoute?> FindRouteAsync(
        string requestingAuthorityId, string? assistingAuthorityId, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(assistingAuthorityId))
        {
            errors.Add("assistingAuthorityId", FieldError.Required);
            return null;
        }
        if (assistingAuthorityId == requestingAuthorityId)
        {
            errors.Add("assistingAuthorityId", FieldError.OwnAuthority);
            return null;
        }
        if (await directory.FindAuthorityAsync(assistingAuthorityId, cancellationToken) is null)
        {
            errors.Add("assistingAuthorityId", FieldError.Unknown(assistingAuthorityId));
            return null;
        }
        var route = await directory.FindRouteAsync(requestingAuthorityId, assistingAuthorityId, cancellationToken);
        if (route is null)
        {
            errors.Add("assistingAuthorityId", FieldError.NoRoute(assistingAuthorityId));
        }
        return route;
    }

    private static string Fingerprint(RequestForm form) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(form, MessageJson.Options))));
}

/// <summary>The request a filing created, or found when the filing was a retry, with its timeline.</summary>
public sealed record FilingResult(AssistanceRequestState Request, IReadOnlyList<AuditEvent> Timeline, bool Created);
