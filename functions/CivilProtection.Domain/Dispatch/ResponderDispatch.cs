using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Dispatch;

/// <summary>
/// The dispatch of one authority's responders for a request: for a two-sided route once the request is approved, for
/// a request to partners once the authority has commitments. Offers to responders per capability (and role of its
/// team), their answers, and silence past the answer deadline. Each method refuses what does not apply now and
/// records the timeline lines.
/// </summary>
public sealed class ResponderDispatch
{
    private readonly List<AuditEvent> _events = [];

    private ResponderDispatch(DispatchState state) => State = state;

    public DispatchState State { get; private set; }

    public IReadOnlyList<AuditEvent> Events => _events;

    public static ResponderDispatch Restore(DispatchState state) => new(state);

    /// <summary>Starts the dispatch of an approved request, needing what the request asked for.</summary>
    public static ResponderDispatch Start(
        AssistanceRequestState request, string meetingPoint, DateTimeOffset reportAt, TimeSpan answerWithin, Actor coordinator, DateTimeOffset now)
    {
        if (request.Status != RequestStatus.Approved && request.Status != RequestStatus.Dispatched)
        {
            throw new TransitionRefusedException($"Responders are dispatched once the request is approved; this one is {WireNames.Of(request.Status)}.");
        }
        var needs = request.Details.Capabilities.Select(c => new CapabilityNeed(c.Code, c.Quantity)).ToList();
        var dispatch = new ResponderDispatch(new DispatchState(request.Id, meetingPoint, reportAt, answerWithin, needs, [], coordinator.UserId, now));
        dispatch.Record(now, coordinator.UserId, coordinator.DisplayName, AuditActions.DispatchStarted, meetingPoint);
        return dispatch;
    }

    /// <summary>
    /// Starts the dispatch that fills an authority's commitments on a request to partners: <paramref name="needs"/> is
    /// what they call for (<see cref="CommitmentNeeds"/>). Refused before a commitment, or once the request is over.
    /// </summary>
    public static ResponderDispatch StartForCommitments(
        AssistanceRequestState request, string authorityId, IReadOnlyList<CapabilityNeed> needs, string meetingPoint, DateTimeOffset reportAt,
        TimeSpan answerWithin, Actor coordinator, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(needs);
        if (!request.IsExchange || request.Status != RequestStatus.Open)
        {
            throw new TransitionRefusedException($"Responders fill commitments while the request is open; this one is {WireNames.Of(request.Status)}.");
        }
        if (needs.Count == 0)
        {
            throw new TransitionRefusedException($"{authorityId} has no accepted offer line that needs people on this request.");
        }
        var dispatch = new ResponderDispatch(new DispatchState(request.Id, meetingPoint, reportAt, answerWithin, needs, [], coordinator.UserId, now, authorityId));
        dispatch.Record(now, coordinator.UserId, coordinator.DisplayName, AuditActions.DispatchStarted, meetingPoint);
        return dispatch;
    }

    /// <summary>
    /// The authority's commitments changed (another of its offers was accepted): the needs become what they now call
    /// for. A need already asked for is never dropped, so no answer loses its place.
    /// </summary>
    public void Renew(IReadOnlyList<CapabilityNeed> needs)
    {
        ArgumentNullException.ThrowIfNull(needs);
        var kept = State.Needs.Where(old => needs.All(n => !n.Is(old.Capability, old.Role)) && State.Offers.Any(o => old.Is(o.Capability, o.Role)));
        State = State with { Needs = [.. needs, .. kept] };
    }

    /// <summary>Asks a responder for a capability (in a role of its team); refused for what is not needed or a person already asked.</summary>
    public DispatchOffer Offer(string personId, string personName, string capability, string? role, string smsId, Actor by, DateTimeOffset now)
    {
        if (!State.Needs.Any(n => n.Is(capability, role)))
        {
            throw new TransitionRefusedException(role is null ? $"The request does not ask for {capability}." : $"{capability} does not need a {role} here.");
        }
        if (State.Offers.Any(o => o.PersonId == personId))
        {
            throw new TransitionRefusedException($"{personName} was already asked for this request.");
        }
        var offer = new DispatchOffer(personId, personName, capability, OfferStatus.Asked, smsId, now, now + State.AnswerWithin, null, role);
        State = State with { Offers = [.. State.Offers, offer] };
        Record(now, by.UserId, by.DisplayName, AuditActions.ResponderAsked, $"{personName}: {Slot(capability, role)}");
        return offer;
    }

    /// <summary>A responder accepts or declines. A late answer after silence still counts; a second answer is refused.</summary>
    public DispatchOffer Answer(string personId, bool accepted, DateTimeOffset now)
    {
        var offer = State.Offers.FirstOrDefault(o => o.PersonId == personId)
            ?? throw new TransitionRefusedException("This person was not asked for this request.");
        if (offer.Status is OfferStatus.Accepted or OfferStatus.Declined)
        {
            throw new TransitionRefusedException($"{offer.PersonName} already answered.");
        }
        var answered = offer with { Status = accepted ? OfferStatus.Accepted : OfferStatus.Declined, AnsweredAt = now };
        Replace(answered);
        Record(now, personId, offer.PersonName, accepted ? AuditActions.ResponderAccepted : AuditActions.ResponderDeclined, Slot(offer.Capability, offer.Role));
        return answered;
    }

    /// <summary>The answer deadline passed without an answer: the offer is silent. False when it was answered (or already silent).</summary>
    public bool MarkSilent(string personId, DateTimeOffset now)
    {
        var offer = State.Offers.FirstOrDefault(o => o.PersonId == personId);
        if (offer is null || offer.Status != OfferStatus.Asked || now < offer.AnswerBy)
        {
            return false;
        }
        Replace(offer with { Status = OfferStatus.Silent });
        Record(now, Actor.System.UserId, Actor.System.DisplayName, AuditActions.ResponderSilent, $"{offer.PersonName}: {Slot(offer.Capability, offer.Role)}");
        return true;
    }

    /// <summary>
    /// The offer could not reach the responder (the provider refused the SMS: opted out, not a mobile): counted as silent
    /// at once, so the next candidate is asked without waiting out the answer deadline. False when it was answered already.
    /// </summary>
    public bool MarkUnreachable(string personId, string reason, DateTimeOffset now)
    {
        var offer = State.Offers.FirstOrDefault(o => o.PersonId == personId);
        if (offer is null || offer.Status != OfferStatus.Asked)
        {
            return false;
        }
        Replace(offer with { Status = OfferStatus.Silent });
        Record(now, Actor.System.UserId, Actor.System.DisplayName, AuditActions.ResponderUnreachable, $"{offer.PersonName}: {Slot(offer.Capability, offer.Role)} ({reason})");
        return true;
    }

    /// <summary>Coverage per capability (and role), in the order the needs were set.</summary>
    public IReadOnlyList<CapabilityCoverage> Coverage() => State.Needs.Select(need =>
    {
        var offers = State.Offers.Where(o => need.Is(o.Capability, o.Role)).ToList();
        return new CapabilityCoverage(
            need.Capability, need.Needed, offers.Count,
            offers.Count(o => o.Status == OfferStatus.Accepted),
            offers.Count(o => o.Status == OfferStatus.Declined),
            offers.Count(o => o.Status == OfferStatus.Silent),
            offers.Count(o => o.Status == OfferStatus.Asked),
            need.Role);
    }).ToList();

    /// <summary>The coverage of one need.</summary>
    public CapabilityCoverage CoverageOf(string capability, string? role) => Coverage().First(c => c.Capability == capability && c.Role == role);

    /// <summary>Every capability has as many acceptances as it needs.</summary>
    public bool IsCovered => Coverage().All(c => c.Covered);

    private static string Slot(string capability, string? role) => role is null ? capability : $"{capability}/{role}";

    private void Replace(DispatchOffer offer) =>
        State = State with { Offers = State.Offers.Select(o => o.PersonId == offer.PersonId ? offer : o).ToList() };

    private void Record(DateTimeOffset now, string actorId, string actorName, string action, string? comment) =>
        _events.Add(new AuditEvent(0, now, actorId, actorName, action, comment, null, AuthorityId: State.AuthorityId));
}
