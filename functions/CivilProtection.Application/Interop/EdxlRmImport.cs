using System.Xml.Linq;
using CivilProtection.Application.Deployments;
using CivilProtection.Application.Directory;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Offers;
using CivilProtection.Application.Outbox;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Requests;
using static CivilProtection.Application.Interop.EdxlRmNames;

namespace CivilProtection.Application.Interop;

/// <summary>
/// Takes an EDXL-RM message a partner's system sent: validated against the schemas before anything is read from it, then
/// applied as the caller's authority speaks: a RequestResource it received becomes a request asking it (to review), a
/// ResponseToRequestResource is its offer, a CommitResource its decision on an offer, a ReportResourceDeploymentStatus
/// its deployment's status, a ReleaseResource its release of a partner's teams. Each message applies once.
/// </summary>
public sealed partial class EdxlRmImport(
    EdxlRmSchemaSource schemas,
    IDirectory directory,
    IRequestStore store,
    IReferenceAllocator references,
    IIdempotencyStore idempotency,
    ExchangeDesk desk,
    DeploymentDesk deployments,
    OutboxRelay relay,
    TimeProvider clock)
{
    public async Task<EdxlRmImported> ImportAsync(Caller caller, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var message = EdxlRmReader.ReadValid(body.Span, schemas.Get()).Root!;
        try
        {
            return message.Name.LocalName switch
            {
                nameof(EdxlRmMessageKind.RequestResource) => await ReceiveRequestAsync(caller, message, cancellationToken),
                nameof(EdxlRmMessageKind.ResponseToRequestResource) => await ReceiveOfferAsync(caller, message, cancellationToken),
                nameof(EdxlRmMessageKind.CommitResource) => await ReceiveDecisionAsync(caller, message, cancellationToken),
                nameof(EdxlRmMessageKind.ReportResourceDeploymentStatus) => await ReceiveDeploymentReportAsync(caller, message, cancellationToken),
                nameof(EdxlRmMessageKind.ReleaseResource) => await ReceiveReleaseAsync(caller, message, cancellationToken),
                _ => throw new FormRejectedException(message.Name.LocalName, FieldError.NotOneOf(Enum.GetNames<EdxlRmMessageKind>())),
            };
        }
        catch (FormRejectedException refused) when (refused.Errors.Keys.All(k => !k.StartsWith(message.Name.LocalName, StringComparison.Ordinal)))
        {
            throw EdxlRmForms.InMessageTerms(refused, message);
        }
    }

    private async Task<EdxlRmImported> ReceiveRequestAsync(Caller caller, XElement message, CancellationToken cancellationToken)
    {
        if (!caller.IsIn(Roles.Coordinator))
        {
            throw new AccessDeniedException("Only coordinators take in requests for assistance from partners' systems.");
        }
        var received = EdxlRmForms.RequestOf(message);
        var requester = await RequesterOfAsync(caller, received, cancellationToken);
        var now = clock.GetUtcNow();

        // One request per message and receiving authority: a repeat, or a concurrent twin, finds the first one's id. A
        // repeat answers as the first time even once its needed-by has passed, so the claim comes before our checks.
        var claim = await idempotency.ClaimAsync($"edxl-rm:{caller.AuthorityId}", received.MessageId, "", RequestIds.New(now), cancellationToken);
        if (!claim.IsNew && await store.FindAsync(claim.RequestId, cancellationToken) is not null)
        {
            return new EdxlRmImported(received.MessageId, EdxlRmMessageKind.RequestResource, claim.RequestId, null, Applied: false);
        }
        var details = ReceivedDetails(received, now, out var catalogueVersion);
        var reference = await references.NextAsync(now.Year, cancellationToken);
        var request = AssistanceRequest.FileToPartners(claim.RequestId, reference, details, requester, [caller.AuthorityId], validation: [],
            caller.AsActor(), now, correlationId: claim.RequestId, catalogueVersion);
        request.NoteOrigin(received.MessageId);
        try
        {
            relay.PublishSoon(new CommittedOutbox(null, await store.CreateAsync(request, cancellationToken)));
            return new EdxlRmImported(received.MessageId, EdxlRmMessageKind.RequestResource, claim.RequestId, null, Applied: true);
        }
        catch (RequestAlreadyExistsException)
        {
            return new EdxlRmImported(received.MessageId, EdxlRmMessageKind.RequestResource, claim.RequestId, null, Applied: false);
        }
    }

    // The message names the requesting authority; it must be a partner of the caller's, with an active partnership towards it.
    private async Task<string> RequesterOfAsync(Caller caller, ReceivedRequest received, CancellationToken cancellationToken)
    {
        const string where = "RequestResource/ContactInformation/AdditionalContactInformation/Identifiers/Identifier/IdentifierElement";
        if (received.RequesterAuthorityId is not { } requester)
        {
            throw new FormRejectedException(where, FieldError.Required);
        }
        if (requester == caller.AuthorityId)
        {
            throw new FormRejectedException(where, FieldError.OwnAuthority);
        }
        if (await directory.FindAuthorityAsync(requester, cancellationToken) is not { Retired: false })
        {
            throw new FormRejectedException(where, FieldError.Unknown(requester));
        }
        if (await directory.FindPartnershipAsync(requester, caller.AuthorityId, cancellationToken) is not { Active: true })
        {
            throw new AccessDeniedException($"{caller.AuthorityId} has no active partnership with {requester}: it cannot receive its requests.");
        }
        return requester;
    }

    // A type from a partner's list passes the checks in the place of a code of ours, then gets its own value and list back.
    private static RequestDetails ReceivedDetails(ReceivedRequest received, DateTimeOffset now, out string catalogueVersion)
    {
        var form = received.Form;
        var lines = form.Capabilities ?? [];
        // Stand-ins from the version the other lines are of, so that legacy codes stay legacy codes.
        var known = lines.Where((_, i) => !received.ForeignTypes.ContainsKey(i)).ToList();
        var catalogue = known.All(l => l.Code is { } code && CatalogueVersions.Legacy.Find(code) is not null) ? CatalogueVersions.Legacy : CatalogueVersions.Current;
        var standIns = new Queue<string>(catalogue.Entries.Select(e => e.Code)
            .Except(known.Select(l => l.Code is null ? "" : catalogue.Resolve(l.Code)?.Code ?? l.Code), StringComparer.Ordinal));
        form.Capabilities = lines.Select((line, i) => received.ForeignTypes.ContainsKey(i) && line.Code is { Length: > 0 and <= RequestDetailsValidator.MaxShortText } && standIns.Count > 0
            ? new CapabilityForm { Code = standIns.Dequeue(), Quantity = line.Quantity, Notes = line.Notes }
            : line).ToList();
        var errors = new FieldErrors();
        var details = RequestDetailsValidator.Validate(form, now, errors, out catalogueVersion);
        if (errors.Any || details is null)
        {
            throw new FormRejectedException(errors);
        }
        return details with
        {
            Capabilities = details.Capabilities.Select((line, i) => received.ForeignTypes.TryGetValue(i, out var urn)
                ? new RequestedCapability(lines[i].Code!, line.Quantity, line.Notes) { ValueListUrn = urn }
                : line).ToList(),
        };
    }

    private async Task<EdxlRmImported> ReceiveOfferAsync(Caller caller, XElement message, CancellationToken cancellationToken)
    {
        var messageId = EdxlRmForms.MessageIdOf(message);
        var requestId = RequestReferredTo(message);
        if (await AppliedBeforeAsync(caller, requestId, messageId, cancellationToken) is { } earlier)
        {
            return earlier with { Kind = EdxlRmMessageKind.ResponseToRequestResource };
        }
        try
        {
            var (_, offerId) = await desk.PrepareOfferAsync(caller, requestId, EdxlRmForms.OfferOf(message), messageId, cancellationToken);
            return new EdxlRmImported(messageId, EdxlRmMessageKind.ResponseToRequestResource, requestId, offerId, Applied: true);
        }
        catch (Exception ex) when (ex is MessageAlreadyAppliedException or ConcurrentChangeException)
        {
            // A twin of this message committed first, or it was applied before: answer as for a repeat.
            if (await AppliedBeforeAsync(caller, requestId, messageId, cancellationToken) is { } twin)
            {
                return twin with { Kind = EdxlRmMessageKind.ResponseToRequestResource };
            }
            throw;
        }
    }

    private async Task<EdxlRmImported> ReceiveDecisionAsync(Caller caller, XElement message, CancellationToken cancellationToken)
    {
        var messageId = EdxlRmForms.MessageIdOf(message);
        var requestId = RequestReferredTo(message);
        if (await AppliedBeforeAsync(caller, requestId, messageId, cancellationToken) is { } earlier)
        {
            return earlier with { Kind = EdxlRmMessageKind.CommitResource };
        }
        var loaded = await store.FindAsync(requestId, cancellationToken);
        var preceding = EdxlRmForms.Text(message.Element(Msg + "PrecedingMessageID")) ?? "";
        var offer = loaded?.Request.State.Offers.FirstOrDefault(o => EdxlRmWriter.OfferMessageId(loaded.Request.State, o) == preceding);
        if (loaded is null || offer is null || !OfferAccess.CanSee(caller, loaded.Request.State, offer))
        {
            throw new NotFoundException($"The PrecedingMessageID {preceding} names no offer on request {requestId} that is visible to you.");
        }
        var form = EdxlRmForms.DecisionOf(message, offer.Lines.Select((_, i) => EdxlRmWriter.OfferLineId(offer, i)).ToList());
        try
        {
            await desk.DecideOfferAsync(caller, requestId, offer.OfferId, form, messageId, cancellationToken);
            return new EdxlRmImported(messageId, EdxlRmMessageKind.CommitResource, requestId, offer.OfferId, Applied: true);
        }
        catch (Exception ex) when (ex is MessageAlreadyAppliedException or ConcurrentChangeException)
        {
            // A twin of this message committed first, or it was applied before: answer as for a repeat.
            if (await AppliedBeforeAsync(caller, requestId, messageId, cancellationToken) is { } twin)
            {
                return twin with { Kind = EdxlRmMessageKind.CommitResource };
            }
            throw;
        }
    }

    // A reply names our request by the MessageID of our RequestResource (its PrecedingMessageID) or of the exchange's first message.
    private static string RequestReferredTo(XElement message)
    {
        var preceding = EdxlRmForms.Text(message.Element(Msg + "PrecedingMessageID"));
        var origin = EdxlRmForms.Text(message.Element(Msg + "OriginatingMessageID"));
        return (preceding is null ? null : EdxlRmMessageIds.RequestIdOf(preceding)) ?? (origin is null ? null : EdxlRmMessageIds.RequestIdOf(origin))
            ?? throw new NotFoundException($"Neither the PrecedingMessageID nor the OriginatingMessageID ({origin}) names a request of this system.");
    }

    // Only a request the caller sees answers a repeat: anyone else learns nothing of it (the desk answers 404).
    private async Task<EdxlRmImported?> AppliedBeforeAsync(Caller caller, string requestId, string messageId, CancellationToken cancellationToken)
    {
        var state = (await store.FindAsync(requestId, cancellationToken))?.Request.State;
        if (state is null || !RequestAccess.CanSee(caller, state) || !AssistanceRequest.Restore(state).HasApplied(messageId))
        {
            return null;
        }
        var offer = state.Offers.FirstOrDefault(o => o.MessageId == messageId || o.DecisionMessageId == messageId);
        return new EdxlRmImported(messageId, EdxlRmMessageKind.ResponseToRequestResource, requestId, offer?.OfferId, Applied: false);
    }
}

/// <summary>What an imported message did: the request (and offer) it made or changed; <see cref="Applied"/> false when it had been applied before.</summary>
public sealed record EdxlRmImported(string MessageId, EdxlRmMessageKind Kind, string RequestId, string? OfferId, bool Applied);
