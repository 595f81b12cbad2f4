using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Dispatch;

/// <summary>
/// The dispatch of one approved request: offers to responders per capability, their answers, and silence past
/// the answer deadline. Each method refuses what does not apply now and records the timeline lines.
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
        dispatch.Record(now, coordinator.UserId, coordinator.DisplayName, "dispatch-started", meetingPoint);
        return dispatch;
    }

    /// <summary>Asks a responder for a capability; refused for a capability not needed or a person already asked.</summary>
    public DispatchOffer Offer(string personId, string personName, string capability, string smsId, Actor by, DateTimeOffset now)
    {
        if (State.Needs.All(n => n.Capability != capability))
        {
            throw new TransitionRefusedException($"The request does not ask for {capability}.");
        }
        if (State.Offers.Any(o => o.PersonId == personId))
        {
            throw new TransitionRefusedException($"{personName} was already asked for this request.");
        }
        var offer = new DispatchOffer(personId, personName, capability, OfferStatus.Asked, smsId, now, now + State.AnswerWithin, null);
        State = State with { Offers = [.. State.Offers, offer] };
        Record(now, by.UserId, by.DisplayName, "responder-asked", $"{personName}: {capability}");
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
        Record(now, personId, offer.PersonName, accepted ? "responder-accepted" : "responder-declined", offer.Capability);
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
        Record(now, "system", "system", "responder-silent", $"{offer.PersonName}: {offer.Capability}");
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
        Record(now, "system", "system", "responder-unreachable", $"{offer.PersonName}: {offer.Capability} ({reason})");
        return true;
    }

    /// <summary>Coverage per capability, in the order the request asked for them.</summary>
    public IReadOnlyList<CapabilityCoverage> Coverage() => State.Needs.Select(need =>
    {
        var offers = State.Offers.Where(o => o.Capability == need.Capability).ToList();
        return new CapabilityCoverage(
            need.Capability, need.Needed, offers.Count,
            offers.Count(o => o.Status == OfferStatus.Accepted),
            offers.Count(o => o.Status == OfferStatus.Declined),
            offers.Count(o => o.Status == OfferStatus.Silent),
            offers.Count(o => o.Status == OfferStatus.Asked));
    }).ToList();

    /// <summary>Every capability has as many acceptances as it needs.</summary>
    public bool IsCovered => Coverage().All(c => c.Covered);

    private void Replace(DispatchOffer offer) =>
        State = State with { Offers = State.Offers.Select(o => o.PersonId == offer.PersonId ? offer : o).ToList() };

    private void Record(DateTimeOffset now, string actorId, string actorName, string action, string? comment) =>
        _events.Add(new AuditEvent(0, now, actorId, actorName, action, comment, null));
}
