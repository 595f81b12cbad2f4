using CivilProtection.Application.Forms;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Notices;
using CivilProtection.Application.Outbox;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Rosters;
using CivilProtection.Application.Sms;
using CivilProtection.Domain.Dispatch;
using CivilProtection.Domain.Requests;
using CivilProtection.Domain.Rosters;
using Microsoft.Extensions.Options;

namespace CivilProtection.Application.Dispatch;

/// <summary>
/// The assisting side's coordinator dispatches responders by SMS; each answers; a decline or silence past the
/// deadline offers the next available candidate. Through a two-sided route the request becomes dispatched once every
/// capability is covered; on a request to partners each partner's coordinator fills its own commitments (the accepted
/// lines of its offers, a module's team composition role by role).
/// </summary>
public sealed class DispatchDesk(
    IRequestStore store,
    Capabilities.ICompositionStore compositions,
    IPeople people,
    IReplyIndex replies,
    IOptOuts optOuts,
    Directory.IDirectory directory,
    ISmsTexts texts,
    PartitionWriter writer,
    IOptions<NoticeOptions> options,
    TimeProvider clock)
{
    public const int MaxMeetingPoint = 300;
    private const int OffersPerCommit = 20;

    /// <summary>Asks the chosen responders (coordinators of the assisting authority, once the request is approved).</summary>
    public async Task DispatchAsync(Caller caller, string requestId, DispatchForm form, CancellationToken cancellationToken)
    {
        var loaded = await store.FindAsync(requestId, cancellationToken) ?? throw new NotFoundException($"There is no request {requestId}.");
        var request = loaded.Request.State;
        RequestAccess.RequireVisible(caller, request);
        RequireCoordinator(caller, request);
        var scope = ScopeOf(request, caller.AuthorityId);
        var needs = await NeedsAsync(request, caller.AuthorityId, cancellationToken);
        var errors = new FieldErrors();
        var meetingPoint = form.MeetingPoint?.Trim() ?? "";
        if (meetingPoint.Length is 0 or > MaxMeetingPoint)
        {
            errors.Add("meetingPoint", FieldError.TooLong(MaxMeetingPoint));
        }
        var now = clock.GetUtcNow();
        if (form.ReportAt is not { } reportAt || reportAt < now.AddMinutes(-5))
        {
            errors.Add("reportAt", FieldError.InThePast);
        }
        // Asking again whom this dispatch already asked, for the same capability, is a retry: it changes nothing.
        var asked = (await store.FindDispatchAsync(requestId, scope, cancellationToken))?.Value.Offers.ToDictionary(o => o.PersonId, o => new CapabilityNeed(o.Capability, 0, o.Role))
            ?? new Dictionary<string, CapabilityNeed>();
        var chosen = await ValidateOffersAsync(form.Offers, request, caller.AuthorityId, needs, asked, errors, cancellationToken);
        if (errors.Any)
        {
            throw new FormRejectedException(errors);
        }
        var timeZone = await TimeZoneOfAsync(caller.AuthorityId, cancellationToken);
        // A table transaction holds at most 100 rows and each offer writes four (SMS, its send, its check, a
        // timeline line): a large dispatch commits in batches, each atomic, each safe to retry.
        foreach (var batch in chosen.Where(c => !asked.ContainsKey(c.Person.PersonId)).Chunk(OffersPerCommit))
        {
            await RetryAsync(async () =>
            {
                var stored = await store.FindDispatchAsync(requestId, scope, cancellationToken);
                var dispatch = Begin(stored, request, caller, needs, meetingPoint, form.ReportAt!.Value, now);
                var change = new PartitionChange(requestId);
                foreach (var (person, need) in batch.Where(c => dispatch.State.Offers.All(o => o.PersonId != c.Person.PersonId)))
                {
                    Offer(change, dispatch, request, person, need, caller.AsActor(), now, timeZone);
                }
                change.Dispatch = new Versioned<DispatchState>(dispatch.State, stored?.ETag);
                change.Events.AddRange(dispatch.Events);
                await writer.CommitAsync(change, cancellationToken);
            });
        }
    }

    /// <summary>Per need (a requested capability, or a role of a committed module's team): the caller's authority's responders who fit it, and whether each is free.</summary>
    public async Task<IReadOnlyList<Candidate>> CandidatesAsync(Caller caller, string requestId, CancellationToken cancellationToken)
    {
        var loaded = await store.FindAsync(requestId, cancellationToken) ?? throw new NotFoundException($"There is no request {requestId}.");
        var request = loaded.Request.State;
        RequestAccess.RequireVisible(caller, request);
        RequireCoordinator(caller, request);
        var needs = await NeedsAsync(request, caller.AuthorityId, cancellationToken);
        var asked = (await store.FindDispatchAsync(requestId, ScopeOf(request, caller.AuthorityId), cancellationToken))?.Value.Offers.Select(o => o.PersonId).ToHashSet() ?? [];
        var candidates = new List<Candidate>();
        var pool = await ResponderPoolAsync(caller.AuthorityId, cancellationToken);
        var optedOut = await OptedOutAsync(pool, cancellationToken);
        foreach (var person in pool)
        {
            var smsOptedOut = optedOut.ContainsKey(person.Mobile);
            var available = !smsOptedOut && !asked.Contains(person.PersonId) && !await replies.IsCommittedAsync(person.Mobile, cancellationToken);
            foreach (var need in needs.Where(n => Fits(person, n)))
            {
                candidates.Add(new Candidate(person.PersonId, person.Name, need.Capability, person.Language, available, smsOptedOut, need.Role));
            }
        }
        return candidates;
    }

    /// <summary>
    /// A responder answers by SMS, the message recorded with the answer. Returns that record, or the one an earlier call
    /// committed for the same message; null when the offer is not open any more for another reason.
    /// </summary>
    public async Task<AppliedReply?> AnswerAsync(Person person, string requestId, bool accepted, string messageSid, CancellationToken cancellationToken)
    {
        AppliedReply? applied = null;
        var answeredNow = false;
        await RetryAsync(async () =>
        {
            var loaded = await store.FindAsync(requestId, cancellationToken);
            var stored = loaded is null ? null : await store.FindDispatchAsync(requestId, ScopeOf(loaded.Request.State, person.AuthorityId), cancellationToken);
            var dispatch = stored is null ? null : ResponderDispatch.Restore(stored.Value);
            var now = clock.GetUtcNow();
            if (stored is null || dispatch is null || loaded is null || IsOver(loaded.Request.Status)
                || TryAnswer(dispatch, person.PersonId, accepted, now) is not { } answered)
            {
                // Read after the dispatch: if this very message answered the offer, its record was committed with the answer.
                applied = await store.FindAppliedReplyAsync(requestId, messageSid, cancellationToken);
                return;
            }
            var change = new PartitionChange(requestId);
            if (!accepted)
            {
                await OfferNextAsync(change, dispatch, loaded.Request.State, answered, now, cancellationToken);
            }
            Conclude(change, dispatch, stored.ETag, loaded, now);
            change.Reply = new AppliedReply(messageSid, requestId, accepted ? ReplyOutcome.Accepted : ReplyOutcome.Declined, loaded.Request.State.Reference, now);
            await writer.CommitAsync(change, cancellationToken);
            applied = change.Reply;
            answeredNow = true;
        });
        if (answeredNow)
        {
            await replies.SetOfferAsync(person.Mobile, requestId, accepted ? "accepted" : null, cancellationToken);
        }
        return applied;
    }

    /// <summary>The answer deadline of an offer fell due: if still unanswered it is silence, and the next candidate is asked.</summary>
    /// <param name="authorityId">Whose dispatch asked, on a request to partners; null for a two-sided route.</param>
    public Task<bool> CheckOfferAsync(string requestId, string? authorityId, string personId, CancellationToken cancellationToken) =>
        CloseOfferAsync(requestId, authorityId, personId, (dispatch, now) => dispatch.MarkSilent(personId, now), cancellationToken);

    /// <summary>The offer's SMS was refused for good (the number opted out…): the next candidate is asked at once.</summary>
    public Task<bool> OfferUnreachableAsync(string requestId, string? authorityId, string personId, string reason, CancellationToken cancellationToken) =>
        CloseOfferAsync(requestId, authorityId, personId, (dispatch, now) => dispatch.MarkUnreachable(personId, reason, now), cancellationToken);

    private async Task<bool> CloseOfferAsync(
        string requestId, string? authorityId, string personId, Func<ResponderDispatch, DateTimeOffset, bool> close, CancellationToken cancellationToken)
    {
        var silent = false;
        await RetryAsync(async () =>
        {
            var stored = await store.FindDispatchAsync(requestId, authorityId, cancellationToken);
            var loaded = await store.FindAsync(requestId, cancellationToken);
            if (stored is null || loaded is null || IsOver(loaded.Request.Status))
            {
                return;
            }
            var dispatch = ResponderDispatch.Restore(stored.Value);
            var now = clock.GetUtcNow();
            if (!close(dispatch, now))
            {
                return;
            }
            var offer = dispatch.State.Offers.First(o => o.PersonId == personId);
            var change = new PartitionChange(requestId);
            await OfferNextAsync(change, dispatch, loaded.Request.State, offer, now, cancellationToken);
            Conclude(change, dispatch, stored.ETag, loaded, now);
            await writer.CommitAsync(change, cancellationToken);
            silent = true;
        });
        if (silent && await people.FindAsync(personId, cancellationToken) is { } person)
        {
            await replies.SetOfferAsync(person.Mobile, requestId, null, cancellationToken);
        }
        return true;
    }

    /// <summary>The assisting side's coordinator closes the request; responders who accepted are free again.</summary>
    public async Task CloseAsync(Caller caller, string requestId, ClosureForm form, CancellationToken cancellationToken)
    {
        var comment = form.Comment?.Trim();
        if (comment?.Length > RequestDetailsValidator.MaxDescription)
        {
            throw new FormRejectedException("comment", FieldError.TooLong(RequestDetailsValidator.MaxDescription));
        }
        var loaded = await store.FindAsync(requestId, cancellationToken) ?? throw new NotFoundException($"There is no request {requestId}.");
        RequestAccess.RequireVisible(caller, loaded.Request.State);
        RequireCoordinator(caller, loaded.Request.State);
        loaded.Request.Close(caller.AsActor(), clock.GetUtcNow(), comment);
        var change = new PartitionChange(requestId) { Request = new Versioned<AssistanceRequest>(loaded.Request, loaded.ETag) };
        await writer.CommitAsync(change, cancellationToken);
        foreach (var offer in (await store.FindDispatchAsync(requestId, null, cancellationToken))?.Value.Offers ?? [])
        {
            if (await people.FindAsync(offer.PersonId, cancellationToken) is { } person)
            {
                await replies.SetOfferAsync(person.Mobile, requestId, null, cancellationToken);
            }
        }
    }

    private static void RequireCoordinator(Caller caller, AssistanceRequestState request)
    {
        if (request.IsExchange)
        {
            if (!caller.IsIn(Roles.Coordinator) || CommitmentNeeds.CommitmentsOf(request, caller.AuthorityId).Count == 0)
            {
                throw new AccessDeniedException("Only coordinators of an authority whose offer was accepted dispatch responders, to fill its commitments.");
            }
        }
        else if (!caller.IsIn(Roles.Coordinator) || caller.AuthorityId != request.AssistingAuthorityId)
        {
            throw new AccessDeniedException($"Only coordinators of {request.AssistingAuthorityId} dispatch responders and close the request.");
        }
    }

    /// <summary>Which of the request's dispatches an authority's responders belong to: its own on a request to partners, else the one.</summary>
    public static string? ScopeOf(AssistanceRequestState request, string authorityId) => request.IsExchange ? authorityId : null;

    // Through a two-sided route the request's own capabilities; to partners what the authority's commitments call for.
    private async Task<IReadOnlyList<CapabilityNeed>> NeedsAsync(AssistanceRequestState request, string authorityId, CancellationToken cancellationToken)
    {
        if (!request.IsExchange)
        {
            return request.Details.Capabilities.Select(c => new CapabilityNeed(c.Code, c.Quantity)).ToList();
        }
        return await compositions.CommitmentNeedsAsync(request, authorityId, cancellationToken);
    }

    private ResponderDispatch Begin(
        Versioned<DispatchState>? stored, AssistanceRequestState request, Caller caller, IReadOnlyList<CapabilityNeed> needs, string meetingPoint,
        DateTimeOffset reportAt, DateTimeOffset now)
    {
        var answerWithin = options.Value.DispatchAnswerWithin;
        if (stored is not null)
        {
            var restored = ResponderDispatch.Restore(stored.Value);
            if (request.IsExchange)
            {
                restored.Renew(needs);
            }
            return restored;
        }
        return request.IsExchange
            ? ResponderDispatch.StartForCommitments(request, caller.AuthorityId, needs, meetingPoint, reportAt, answerWithin, caller.AsActor(), now)
            : ResponderDispatch.Start(request, meetingPoint, reportAt, answerWithin, caller.AsActor(), now);
    }

    // A person listed under a legacy code serves the current entry that replaced it; a role of a team is held only by
    // people listed for it.
    private static bool Fits(Person person, CapabilityNeed need) =>
        person.Skills.Any(s => CatalogueVersions.Serves(s, need.Capability)) && (need.Role is null || person.TeamRoles.Contains(need.Role));

    private async Task<List<(Person Person, CapabilityNeed Need)>> ValidateOffersAsync(
        List<OfferForm>? offers, AssistanceRequestState request, string authorityId, IReadOnlyList<CapabilityNeed> needs,
        IReadOnlyDictionary<string, CapabilityNeed> asked, FieldErrors errors, CancellationToken cancellationToken)
    {
        var chosen = new List<(Person, CapabilityNeed)>();
        if (offers is null || offers.Count == 0)
        {
            errors.Add("offers", FieldError.TooFew(1));
            return chosen;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < offers.Count; i++)
        {
            var offer = offers[i];
            var path = $"offers[{i}]";
            if (offer?.Capability is null || needs.All(n => n.Capability != offer.Capability))
            {
                errors.Add($"{path}.capability", FieldError.NotInRequest);
                continue;
            }
            var role = string.IsNullOrWhiteSpace(offer.Role) ? null : offer.Role.Trim();
            if (needs.FirstOrDefault(n => n.Is(offer.Capability, role)) is not { } need)
            {
                var roles = needs.Where(n => n.Capability == offer.Capability && n.Role is not null).Select(n => n.Role!).ToList();
                errors.Add($"{path}.role", roles.Count > 0 ? FieldError.NotOneOf(roles) : FieldError.NotAllowedHere);
                continue;
            }
            var person = offer.PersonId is null ? null : await people.FindAsync(offer.PersonId, cancellationToken);
            if (person is null || person.AuthorityId != authorityId || !person.Roles.Contains(PersonRoles.Responder))
            {
                errors.Add($"{path}.personId", FieldError.OtherAuthority);
            }
            else if (!Fits(person, need))
            {
                errors.Add($"{path}.personId", FieldError.NotQualified(person.Name));
            }
            else if (!seen.Add(person.PersonId))
            {
                errors.Add($"{path}.personId", FieldError.Duplicate);
            }
            else if (asked.TryGetValue(person.PersonId, out var askedFor))
            {
                if (!askedFor.Is(need.Capability, need.Role))
                {
                    errors.Add($"{path}.personId", FieldError.Unavailable(person.Name));
                }
                else
                {
                    chosen.Add((person, need));
                }
            }
            else if ((await optOuts.OptedOutAsync([person.Mobile], cancellationToken)).Count > 0)
            {
                errors.Add($"{path}.personId", FieldError.OptedOut(person.Name));
            }
            else if (await replies.IsCommittedAsync(person.Mobile, cancellationToken))
            {
                errors.Add($"{path}.personId", FieldError.Unavailable(person.Name));
            }
            else
            {
                chosen.Add((person, need));
            }
        }
        return chosen;
    }

    private async Task<IReadOnlyList<Person>> ResponderPoolAsync(string authorityId, CancellationToken cancellationToken) =>
        (await people.ListAsync(authorityId, cancellationToken))
            .Where(p => p.Roles.Contains(PersonRoles.Responder))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

    // Who opted out of SMS cannot be offered a mission by SMS until they opt in again.
    private async Task<IReadOnlyDictionary<string, DateTimeOffset>> OptedOutAsync(IEnumerable<Person> pool, CancellationToken cancellationToken) =>
        await optOuts.OptedOutAsync(pool.Select(p => p.Mobile).ToList(), cancellationToken);

    // The dispatch's own authority: a partner's on a request to partners, the assisting one through a route.
    private static string AuthorityOf(ResponderDispatch dispatch, AssistanceRequestState request) => dispatch.State.AuthorityId ?? request.AssistingAuthorityId;

    private async Task OfferNextAsync(
        PartitionChange change, ResponderDispatch dispatch, AssistanceRequestState request, DispatchOffer closed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (dispatch.CoverageOf(closed.Capability, closed.Role).StillToAsk == 0)
        {
            return;
        }
        var need = dispatch.State.Needs.First(n => n.Is(closed.Capability, closed.Role));
        var asked = dispatch.State.Offers.Select(o => o.PersonId).ToHashSet();
        var authorityId = AuthorityOf(dispatch, request);
        var pool = await ResponderPoolAsync(authorityId, cancellationToken);
        var optedOut = await OptedOutAsync(pool, cancellationToken);
        foreach (var person in pool)
        {
            if (!asked.Contains(person.PersonId) && Fits(person, need) && !optedOut.ContainsKey(person.Mobile)
                && !await replies.IsCommittedAsync(person.Mobile, cancellationToken))
            {
                Offer(change, dispatch, request, person, need, Actor.System, now, await TimeZoneOfAsync(authorityId, cancellationToken));
                return;
            }
        }
        change.Events.Add(new AuditEvent(
            0, now, Actor.System.UserId, Actor.System.DisplayName, AuditActions.NoCandidateLeft, need.Role is null ? need.Capability : $"{need.Capability}/{need.Role}", null,
            AuthorityId: dispatch.State.AuthorityId));
    }

    private void Offer(
        PartitionChange change, ResponderDispatch dispatch, AssistanceRequestState request, Person person, CapabilityNeed need, Actor by, DateTimeOffset now, string timeZone)
    {
        var body = texts.DispatchOffer(person.Language, new DispatchOfferText(
            request.Reference, need.Capability, $"{request.Details.Incident.Place}, {request.Details.Incident.Region}",
            dispatch.State.MeetingPoint, dispatch.State.ReportAt, timeZone, need.Role));
        var sms = SmsRecord.ToSend(request.Id, $"offer-{person.PersonId}", person, SmsPurpose.DispatchOffer, body, noticeId: null, now)
            with { DispatchAuthorityId = dispatch.State.AuthorityId };
        var offer = dispatch.Offer(person.PersonId, person.Name, need.Capability, need.Role, sms.SmsId, by, now);
        change.Send(sms, request.CorrelationId);
        change.Outbox.Add(OutboxRouting.OfferCheck(request.Id, dispatch.State.AuthorityId, person.PersonId, offer.AnswerBy, request.CorrelationId));
    }

    // Times in a responder's SMS are in the zone of the authority they belong to, the assisting one, and name it: a
    // responder in France reads the meeting time as Paris time, whatever the requesting country's clock says.
    private async Task<string> TimeZoneOfAsync(string authorityId, CancellationToken cancellationToken) =>
        (await directory.FindAuthorityAsync(authorityId, cancellationToken))?.TimeZone ?? "UTC";

    // An offer answered before (or never made) refuses the answer: the reply does not apply here.
    private static DispatchOffer? TryAnswer(ResponderDispatch dispatch, string personId, bool accepted, DateTimeOffset now)
    {
        try
        {
            return dispatch.Answer(personId, accepted, now);
        }
        catch (TransitionRefusedException)
        {
            return null;
        }
    }

    private static void Conclude(PartitionChange change, ResponderDispatch dispatch, string? etag, LoadedRequest loaded, DateTimeOffset now)
    {
        change.Dispatch = new Versioned<DispatchState>(dispatch.State, etag);
        change.Events.AddRange(dispatch.Events);
        if (dispatch.IsCovered && loaded.Request.Status == RequestStatus.Approved)
        {
            loaded.Request.MarkDispatched(Actor.System, now);
            change.Request = new Versioned<AssistanceRequest>(loaded.Request, loaded.ETag);
        }
    }

    private static Task RetryAsync(Func<Task> attempt) =>
        ConflictRetry.Conflicts.ExecuteAsync(async _ => await attempt(), CancellationToken.None).AsTask();

    // A closed or cancelled request takes no answer and asks nobody more: an answer or a deadline that arrives after
    // either changes nothing, whichever door it comes through.
    private static bool IsOver(RequestStatus status) => status is RequestStatus.Closed or RequestStatus.Cancelled;
}

/// <summary>A responder who could be asked for a capability, and whether they are free.</summary>
/// <param name="SmsOptedOut">The person replied STOP (or Twilio refused their number as opted out): not offered anything by SMS until START.</param>
/// <param name="Role">The role of the committed module's team the person would hold; null where people are counted without roles.</param>
public sealed record Candidate(string PersonId, string Name, string Capability, string Language, bool Available, bool SmsOptedOut = false, string? Role = null);
