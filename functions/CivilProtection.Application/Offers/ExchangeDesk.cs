using CivilProtection.Application.Directory;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Offers;

/// <summary>
/// The acts of the exchange with partners: declining to offer, preparing, approving, withdrawing and answering offers
/// (the offering side), and asking, deciding, amending, closing to offers (the requester). Each is one change of the
/// request's partition; who may act is checked here, on the server, for every call.
/// </summary>
public sealed class ExchangeDesk(RequestChanges changes, IRequestStore store, IDirectory directory, Capabilities.NationalTypes nationalTypes, TimeProvider clock)
{
    private const int MaxComment = RequestDetailsValidator.MaxDescription;

    // Closing frees the responders: not while teams are on their way, on site or coming home. Once the last is home
    // the request closes by itself when the notes are written (Deployments.MissionClosure).
    private async Task RequireNobodyInTheFieldAsync(string requestId, CancellationToken cancellationToken)
    {
        var away = (await store.ListDeploymentsAsync(requestId, cancellationToken))
            .Where(d => d.Value.Status is not (Domain.Deployments.DeploymentStatus.Mobilising or Domain.Deployments.DeploymentStatus.Returned))
            .Select(d => d.Value.AuthorityId).ToList();
        if (away.Count > 0)
        {
            throw new TransitionRefusedException($"Teams of {string.Join(", ", away)} are still in the field: release them; the request closes once they are home.");
        }
    }

    /// <summary>Whether the request asks partners for offers (false when there is no such request: the route's desk says so).</summary>
    public async Task<bool> AsksPartnersAsync(string requestId, CancellationToken cancellationToken) =>
        (await store.FindAsync(requestId, cancellationToken))?.Request.State.IsExchange == true;

    /// <summary>A coordinator of an asked partner says it will not offer, and why.</summary>
    public Task<AssistanceRequestState> DeclineToOfferAsync(Caller caller, string requestId, ExchangeCommentForm form, CancellationToken cancellationToken)
    {
        var reason = RequiredComment(form.Comment, FieldError.ReasonRequired);
        return changes.ChangeAsync(caller, requestId, form.Version, (request, now) =>
        {
            RequireRole(caller, Roles.Coordinator, "Only coordinators answer a request for offers.");
            request.DeclineToOffer(caller.AuthorityId, caller.AsActor(), now, reason);
        }, cancellationToken);
    }

    /// <summary>
    /// A coordinator of a partner prepares an offer, asked or not: any authority the requester has an active
    /// partnership with may offer. It goes through that partnership's offer stages before it is sent.
    /// </summary>
    public Task<(AssistanceRequestState Request, string OfferId)> PrepareOfferAsync(
        Caller caller, string requestId, AssistanceOfferForm form, CancellationToken cancellationToken) =>
        PrepareOfferAsync(caller, requestId, form, messageId: null, cancellationToken);

    /// <summary>As above, for an offer a partner's system sent as the EDXL-RM message <paramref name="messageId"/>: applied once.</summary>
    public async Task<(AssistanceRequestState Request, string OfferId)> PrepareOfferAsync(
        Caller caller, string requestId, AssistanceOfferForm form, string? messageId, CancellationToken cancellationToken)
    {
        var loaded = await store.FindAsync(requestId, cancellationToken) ?? throw new NotFoundException($"There is no request {requestId}.");
        var partnership = await directory.FindPartnershipAsync(loaded.Request.State.RequestingAuthorityId, caller.AuthorityId, cancellationToken);
        var asked = loaded.Request.State.Addressees?.Any(a => a.AuthorityId == caller.AuthorityId) == true;
        if (!RequestAccess.CanSee(caller, loaded.Request.State) && (partnership is not { Active: true } || !loaded.Request.State.IsExchange))
        {
            throw new NotFoundException($"No request {requestId} is visible to you.");
        }
        RequireRole(caller, Roles.Coordinator, "Only coordinators prepare offers.");
        if (partnership is not { Active: true } && !asked)
        {
            throw new AccessDeniedException($"{caller.AuthorityId} has no active partnership with {loaded.Request.State.RequestingAuthorityId}.");
        }
        var errors = new FieldErrors();
        var national = await nationalTypes.ActiveCodesAsync(form.Lines?.Select(l => l?.Code), cancellationToken);
        var lines = OfferValidator.ValidateLines(form.Lines, loaded.Request.State, clock.GetUtcNow(), errors, nationalCodes: national);
        var contact = RequestDetailsValidator.ValidateContact(form.Contact, errors);
        if (errors.Any || contact is null)
        {
            throw new FormRejectedException(errors);
        }
        string? offerId = null;
        var state = await changes.ChangeAsync(caller, requestId, expectedVersion: null, (request, now) =>
        {
            Interop.MessageAlreadyAppliedException.RefuseRepeat(request, messageId);
            offerId = request.PrepareOffer(caller.AuthorityId, lines, contact, partnership?.OfferStages ?? [], caller.AsActor(), now).OfferId;
            if (messageId is not null)
            {
                request.NoteOfferMessage(offerId, messageId);
            }
        }, cancellationToken, visibleAnyway: true);
        return (state, offerId!);
    }

    /// <summary>An approver of the offering authority, in the group of the offer's current stage, approves or rejects it.</summary>
    public Task<AssistanceRequestState> DecideOfferStageAsync(Caller caller, string requestId, string offerId, OfferDecisionForm form, CancellationToken cancellationToken)
    {
        var comment = OptionalComment(form.Comment);
        if (form.Decision is not (RequestActions.Approve or RequestActions.Reject))
        {
            throw new FormRejectedException("decision", FieldError.NotOneOf(["approve", "reject"]));
        }
        if (form.Decision == RequestActions.Reject && comment is null)
        {
            throw new FormRejectedException("comment", FieldError.ReasonRequired);
        }
        return OnOfferAsync(caller, requestId, offerId, form.Version, (request, offer, now) =>
        {
            if (offer.Status != OfferStatus.PendingApproval || !RequestAccess.CanDecide(caller, offer.Stages[offer.CurrentStageIndex]))
            {
                throw new AccessDeniedException($"Only approvers of {offer.AuthorityId} in the group of the offer's current stage decide it.");
            }
            if (form.Decision == RequestActions.Approve)
            {
                request.ApproveOffer(offerId, caller.AsActor(), now, comment);
            }
            else
            {
                request.RejectOffer(offerId, caller.AsActor(), now, comment!);
            }
        }, cancellationToken);
    }

    /// <summary>A coordinator of the offering authority withdraws its offer before the requester decided it.</summary>
    public Task<AssistanceRequestState> WithdrawOfferAsync(Caller caller, string requestId, string offerId, ExchangeCommentForm form, CancellationToken cancellationToken)
    {
        var reason = OptionalComment(form.Comment);
        return OnOfferAsync(caller, requestId, offerId, form.Version, (request, offer, now) =>
        {
            RequireOfferer(caller, offer);
            request.WithdrawOffer(offerId, caller.AsActor(), now, reason);
        }, cancellationToken);
    }

    /// <summary>A coordinator of the offering authority answers the requester's question, amending the offer's lines if it wishes.</summary>
    public async Task<AssistanceRequestState> AnswerQuestionAsync(Caller caller, string requestId, string offerId, ExchangeCommentForm form, CancellationToken cancellationToken)
    {
        var answer = RequiredComment(form.Comment, FieldError.Required);
        var national = await nationalTypes.ActiveCodesAsync(form.Lines?.Select(l => l?.Code), cancellationToken);
        return await OnOfferAsync(caller, requestId, offerId, form.Version, (request, offer, now) =>
        {
            RequireOfferer(caller, offer);
            IReadOnlyList<OfferLine>? lines = null;
            if (form.Lines is not null)
            {
                var errors = new FieldErrors();
                lines = OfferValidator.ValidateLines(form.Lines, request.State, now, errors, nationalCodes: national);
                if (errors.Any)
                {
                    throw new FormRejectedException(errors);
                }
            }
            request.AnswerOfferQuestion(offerId, caller.AsActor(), now, answer, lines);
        }, cancellationToken);
    }

    /// <summary>A duty officer of the requesting authority asks the offerer a question.</summary>
    public Task<AssistanceRequestState> AskOffererAsync(Caller caller, string requestId, string offerId, ExchangeCommentForm form, CancellationToken cancellationToken)
    {
        var question = RequiredComment(form.Comment, FieldError.Required);
        return OnOfferAsync(caller, requestId, offerId, form.Version, (request, offer, now) =>
        {
            RequireRequester(caller, request.State);
            request.AskOfferer(offerId, caller.AsActor(), now, question);
        }, cancellationToken);
    }

    /// <summary>A duty officer of the requesting authority accepts, partly accepts or declines an offer, line by line.</summary>
    public Task<AssistanceRequestState> DecideOfferAsync(Caller caller, string requestId, string offerId, OfferDecisionForm form, CancellationToken cancellationToken) =>
        DecideOfferAsync(caller, requestId, offerId, form, messageId: null, cancellationToken);

    /// <summary>As above, for a decision the requester's system sent as the EDXL-RM message <paramref name="messageId"/>: applied once.</summary>
    public Task<AssistanceRequestState> DecideOfferAsync(
        Caller caller, string requestId, string offerId, OfferDecisionForm form, string? messageId, CancellationToken cancellationToken)
    {
        var reason = OptionalComment(form.Comment);
        return OnOfferAsync(caller, requestId, offerId, form.Version, (request, offer, now) =>
        {
            RequireRequester(caller, request.State);
            Interop.MessageAlreadyAppliedException.RefuseRepeat(request, messageId);
            var errors = new FieldErrors();
            var acceptances = OfferValidator.ValidateAcceptances(form.Lines, offer, errors);
            // With bad lines the caller did not mean to decline: name only the lines.
            if (!errors.Any && acceptances.Sum(a => a.Quantity) == 0 && reason is null)
            {
                errors.Add("comment", FieldError.ReasonRequired);
            }
            if (errors.Any)
            {
                throw new FormRejectedException(errors);
            }
            request.DecideOffer(offerId, acceptances, caller.AsActor(), now, reason);
            if (messageId is not null)
            {
                request.NoteDecisionMessage(offerId, messageId);
            }
        }, cancellationToken);
    }

    /// <summary>A duty officer of the requesting authority amends an open request; every partner concerned is told.</summary>
    public async Task<AssistanceRequestState> AmendAsync(Caller caller, string requestId, AmendmentForm form, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var checkedAt = clock.GetUtcNow();
        var national = await nationalTypes.ActiveCodesAsync(form.Capabilities?.Select(c => c?.Code), cancellationToken);
        var details = RequestDetailsValidator.Validate(form, checkedAt, errors, out var catalogueVersion, national);
        Addressing.CheckOffersBy(form.OffersBy, toPartners: true, checkedAt, errors);
        var comment = form.Comment?.Trim();
        if (comment?.Length > MaxComment)
        {
            errors.Add("comment", FieldError.TooLong(MaxComment));
        }
        if (errors.Any || details is null)
        {
            throw new FormRejectedException(errors);
        }
        return await changes.ChangeAsync(caller, requestId, expectedVersion: null, (request, now) =>
        {
            RequireRequester(caller, request.State);
            request.Amend(caller.AsActor(), now, details, string.IsNullOrEmpty(comment) ? null : comment, catalogueVersion, form.OffersBy);
        }, cancellationToken);
    }

    /// <summary>
    /// The deadline for offers fell due (a scheduled message): the request takes no further offer. False when there is no
    /// such request; nothing is done when it is already closed to offers or over.
    /// </summary>
    public async Task<bool> CloseAtDeadlineAsync(string requestId, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(requestId, cancellationToken) is not { } loaded)
        {
            return false;
        }
        if (loaded.Request.State is { Status: RequestStatus.Open, ClosedToOffers: false })
        {
            try
            {
                await changes.ChangeAsync(null, requestId, null, (request, now) => request.CloseToOffersAtDeadline(now), cancellationToken);
            }
            catch (TransitionRefusedException)
            {
                // Closed, cancelled or closed to offers meanwhile: nothing left to do.
            }
        }
        return true;
    }

    /// <summary>A duty officer of the requesting authority closes it to further offers, or closes it altogether.</summary>
    public async Task<AssistanceRequestState> CloseAsync(Caller caller, string requestId, ExchangeCommentForm form, bool toOffersOnly, CancellationToken cancellationToken)
    {
        var comment = OptionalComment(form.Comment);
        if (!toOffersOnly)
        {
            await RequireNobodyInTheFieldAsync(requestId, cancellationToken);
        }
        return await changes.ChangeAsync(caller, requestId, form.Version, (request, now) =>
        {
            RequireRequester(caller, request.State);
            if (toOffersOnly)
            {
                request.CloseToOffers(caller.AsActor(), now, comment);
            }
            else
            {
                request.CloseExchange(caller.AsActor(), now, comment);
            }
        }, cancellationToken);
    }

    // An act on one offer checks the caller saw the offer's current version, not the request's.
    private Task<AssistanceRequestState> OnOfferAsync(
        Caller caller, string requestId, string offerId, int? expectedVersion, Action<AssistanceRequest, OfferState, DateTimeOffset> act, CancellationToken cancellationToken) =>
        changes.ChangeAsync(caller, requestId, expectedVersion, (request, now) =>
        {
            if (!OfferAccess.CanSee(caller, request.State, offerId))
            {
                throw new NotFoundException($"No offer {offerId} is visible to you.");
            }
            act(request, request.OfferOf(offerId), now);
        }, cancellationToken, versionOf: state => state.Offers.FirstOrDefault(o => o.OfferId == offerId)?.Version ?? 0);

    private static void RequireRole(Caller caller, string role, string message)
    {
        if (!caller.IsIn(role))
        {
            throw new AccessDeniedException(message);
        }
    }

    private static void RequireOfferer(Caller caller, OfferState offer)
    {
        if (!caller.IsIn(Roles.Coordinator) || caller.AuthorityId != offer.AuthorityId)
        {
            throw new AccessDeniedException($"Only coordinators of {offer.AuthorityId} act on its offer.");
        }
    }

    private static void RequireRequester(Caller caller, AssistanceRequestState request)
    {
        if (!RequestAccess.IsRequester(caller, request))
        {
            throw new AccessDeniedException($"Only duty officers of {request.RequestingAuthorityId} decide offers and amend or close the request.");
        }
    }

    private static string RequiredComment(string? comment, FieldError missing) =>
        OptionalComment(comment) ?? throw new FormRejectedException("comment", missing);

    private static string? OptionalComment(string? comment)
    {
        var trimmed = comment?.Trim();
        if (trimmed?.Length > MaxComment)
        {
            throw new FormRejectedException("comment", FieldError.TooLong(MaxComment));
        }
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
