using CivilProtection.Domain.Approvals;
using CivilProtection.Domain.Offers;

namespace CivilProtection.Domain.Requests;

/// <summary>
/// The exchange with partners, after the requesting side's validation: each asked authority declines or offers, its
/// offer passes its own stages and is sent, the requester decides it line by line, and coverage follows.
/// </summary>
public sealed partial class AssistanceRequest
{
    /// <summary>Files a request to one or more partners: the requesting side's validation stages run first (none sends it at once).</summary>
    /// <param name="offersBy">The deadline for offers, if the requester sets one; it must be later than <paramref name="now"/>.</param>
    public static AssistanceRequest FileToPartners(
        string id, string reference, RequestDetails details, string requestingAuthorityId, IReadOnlyList<string> addressed,
        IReadOnlyList<StageDefinition> validation, Actor filedBy, DateTimeOffset now, string correlationId, string? catalogueVersion = null,
        DateTimeOffset? offersBy = null)
    {
        if (offersBy <= now)
        {
            throw new TransitionRefusedException("The deadline for offers must be in the future.");
        }
        if (addressed.Count == 0 || addressed.Contains(requestingAuthorityId) || addressed.Distinct().Count() != addressed.Count)
        {
            throw new TransitionRefusedException("A request asks one or more other authorities, each once.");
        }
        var stages = validation
            .Select((definition, index) => new Stage(index, definition.Name, definition.AuthorityId, definition.ApproverGroup, definition.Deadlines, StageStatus.Waiting))
            .ToList();
        var request = new AssistanceRequest(new AssistanceRequestState(
            id, reference, requestingAuthorityId, AssistingAuthorityId: "", details, RequestStatus.PendingApproval,
            stages, 0, filedBy.UserId, now, now, Version: 0, EventCount: 0, correlationId)
        {
            Addressees = addressed.Select(a => new Addressee(a, AddresseeStatus.Asked)).ToList(),
            CatalogueVersion = catalogueVersion,
            OffersBy = offersBy,
        });
        request.Record(filedBy, now, AuditActions.Submitted, comment: null, stageIndex: null);
        if (stages.Count == 0)
        {
            request.SendToPartners(filedBy, now);
        }
        else
        {
            request.OpenStage(0, filedBy, now);
        }
        request.Changed();
        return request;
    }

    /// <summary>The offer <paramref name="offerId"/>, or a refusal naming it.</summary>
    public OfferState OfferOf(string offerId) =>
        State.Offers.FirstOrDefault(o => o.OfferId == offerId) ?? throw new TransitionRefusedException($"The request has no offer {offerId}.");

    /// <summary>An asked authority says it will not offer, and why.</summary>
    public void DeclineToOffer(string authorityId, Actor actor, DateTimeOffset now, string reason)
    {
        RequireOpenToOffers();
        RequireComment(reason, "Declining to offer needs a reason.");
        var addressee = State.Addressees!.FirstOrDefault(a => a.AuthorityId == authorityId)
            ?? throw new TransitionRefusedException($"{authorityId} was not asked; it may offer, but has nothing to decline.");
        if (addressee.Status != AddresseeStatus.Asked)
        {
            throw new TransitionRefusedException($"{authorityId} has already answered ({WireNames.Of(addressee.Status)}).");
        }
        ReplaceAddressee(addressee with { Status = AddresseeStatus.Declined, Reason = reason, AnsweredBy = actor.UserId, AnsweredAt = now });
        Record(actor, now, AuditActions.DeclinedToOffer, reason, stageIndex: null, authorityId: authorityId);
        Changed();
    }

    /// <summary>
    /// A partner prepares an offer (asked or not); it goes through the partner's own <paramref name="approval"/> stages,
    /// or is sent at once when there are none. One live offer per partner at a time: withdraw it to offer again.
    /// </summary>
    public OfferState PrepareOffer(
        string authorityId, IReadOnlyList<OfferLine> lines, PointOfContact contact, IReadOnlyList<StageDefinition> approval, Actor actor, DateTimeOffset now)
    {
        RequireOpenToOffers();
        if (State.OffersBy is { } deadline && now >= deadline)
        {
            throw new TransitionRefusedException($"The request took offers until {deadline:u}.");
        }
        if (authorityId == State.RequestingAuthorityId)
        {
            throw new TransitionRefusedException("An authority does not offer on its own request.");
        }
        if (State.Offers.Any(o => o.AuthorityId == authorityId && o.Undecided))
        {
            throw new TransitionRefusedException($"{authorityId} already has an offer awaiting a decision; withdraw it to offer again.");
        }
        RequireAnswersRequestedLines(lines);
        var addressee = State.Addressees!.FirstOrDefault(a => a.AuthorityId == authorityId);
        var offerId = $"{authorityId}-{State.Offers.Count(o => o.AuthorityId == authorityId) + 1}";
        var stages = approval
            .Select((definition, index) => new Stage(index, definition.Name, definition.AuthorityId, definition.ApproverGroup, definition.Deadlines, StageStatus.Waiting))
            .ToList();
        var offer = new OfferState(offerId, authorityId, Unsolicited: addressee is null, OfferStatus.PendingApproval,
            lines.Select(l => l with { Accepted = null, NoLongerNeeded = false }).ToList(), contact, stages, 0, Version: 1, actor.UserId, now);
        State = State with { Offers = [.. State.Offers, offer] };
        if (addressee is not null)
        {
            ReplaceAddressee(addressee with { Status = AddresseeStatus.Offered, Reason = null, AnsweredBy = actor.UserId, AnsweredAt = now });
        }
        Record(actor, now, AuditActions.OfferPrepared, comment: null, stageIndex: null, offerId: offerId);
        if (stages.Count == 0)
        {
            SendOffer(offerId, actor, now);
        }
        else
        {
            OpenOfferStage(offerId, 0, actor, now);
        }
        Changed();
        return OfferOf(offerId);
    }

    /// <summary>The offering authority's approver of the offer's current stage approves it: the next stage opens, or it is sent.</summary>
    public void ApproveOffer(string offerId, Actor approver, DateTimeOffset now, string? comment)
    {
        var offer = RequireOfferPendingApproval(offerId, "approved");
        var stage = offer.Stages[offer.CurrentStageIndex];
        ReplaceOfferStage(offerId, stage with { Status = StageStatus.Approved, DecidedBy = approver.UserId, DecidedAt = now, Comment = comment });
        Record(approver, now, AuditActions.OfferStageApproved, comment, stage.Index, offerId: offerId);
        if (stage.Index + 1 < offer.Stages.Count)
        {
            OpenOfferStage(offerId, stage.Index + 1, approver, now);
        }
        else
        {
            SendOffer(offerId, approver, now);
        }
        Changed();
    }

    /// <summary>The offering authority's approver refuses to send the offer; a reason is required.</summary>
    public void RejectOffer(string offerId, Actor approver, DateTimeOffset now, string reason)
    {
        var offer = RequireOfferPendingApproval(offerId, "rejected");
        RequireComment(reason, "Rejecting an offer needs a reason.");
        ReplaceOfferStage(offerId, offer.Stages[offer.CurrentStageIndex] with { Status = StageStatus.Rejected, DecidedBy = approver.UserId, DecidedAt = now, Comment = reason });
        ReplaceOffer(OfferOf(offerId) with { Status = OfferStatus.Rejected, Reason = reason });
        ReopenAddressee(OfferOf(offerId).AuthorityId);
        Record(approver, now, AuditActions.OfferRejected, reason, offer.CurrentStageIndex, offerId: offerId);
        Changed();
    }

    /// <summary>The offering authority takes its offer back before the requester decided it.</summary>
    public void WithdrawOffer(string offerId, Actor actor, DateTimeOffset now, string? reason)
    {
        var offer = OfferOf(offerId);
        if (!offer.Undecided)
        {
            throw new TransitionRefusedException($"Only an offer not yet decided can be withdrawn; this one is {WireNames.Of(offer.Status)}.");
        }
        if (offer.Status == OfferStatus.PendingApproval)
        {
            ReplaceOfferStage(offerId, offer.Stages[offer.CurrentStageIndex] with { Status = StageStatus.Cancelled, DecidedBy = actor.UserId, DecidedAt = now, Comment = reason });
        }
        ReplaceOffer(OfferOf(offerId) with { Status = OfferStatus.Withdrawn, Reason = reason });
        ReopenAddressee(offer.AuthorityId);
        Record(actor, now, AuditActions.OfferWithdrawn, reason, stageIndex: null, offerId: offerId);
        if (offer.WasSent)
        {
            Inform(State.RequestingAuthorityId, AuditActions.OfferWithdrawn, offerId);
        }
        Changed();
    }

    /// <summary>The requester asks the offerer a question about its offer; the offer waits for the answer.</summary>
    public void AskOfferer(string offerId, Actor requester, DateTimeOffset now, string question)
    {
        var offer = RequireOfferAwaitingDecision(offerId, "questioned");
        if (offer.Status != OfferStatus.Sent)
        {
            throw new TransitionRefusedException("The offerer has not answered the last question yet.");
        }
        RequireComment(question, "Say what you need to know.");
        ReplaceOffer(offer with { Status = OfferStatus.QuestionAsked, Question = question });
        Record(requester, now, AuditActions.OfferQuestionAsked, question, stageIndex: null, offerId: offerId);
        Inform(offer.AuthorityId, AuditActions.OfferQuestionAsked, offerId);
        Changed();
    }

    /// <summary>The offerer answers the requester's question, amending its lines if it wishes; the offer awaits a decision again.</summary>
    public void AnswerOfferQuestion(string offerId, Actor actor, DateTimeOffset now, string answer, IReadOnlyList<OfferLine>? amendedLines)
    {
        var offer = OfferOf(offerId);
        if (offer.Status != OfferStatus.QuestionAsked)
        {
            throw new TransitionRefusedException("The requester has asked no question about this offer.");
        }
        RequireComment(answer, "An answer needs some words.");
        if (amendedLines is not null)
        {
            RequireAnswersRequestedLines(amendedLines);
        }
        ReplaceOffer(offer with { Status = OfferStatus.Sent, Question = null, Lines = amendedLines ?? offer.Lines });
        Record(actor, now, AuditActions.OfferQuestionAnswered, answer, stageIndex: null, offerId: offerId);
        _newMessages.Add(new RequestMessage(RequestMessageKinds.NoticeRequested, State.Id, State.Version + 1, null, State.RequestingAuthorityId, offerId));
        Changed();
    }

    /// <summary>
    /// The requester decides an offer line by line: each accepted quantity (0 declines the line) up to what is offered.
    /// Nothing accepted declines the offer, and needs a reason. Lines now covered tell the other pending offerers.
    /// </summary>
    public void DecideOffer(string offerId, IReadOnlyList<LineAcceptance> acceptances, Actor requester, DateTimeOffset now, string? reason)
    {
        var offer = RequireOfferAwaitingDecision(offerId, "decided");
        var accepted = new int[offer.Lines.Count];
        foreach (var acceptance in acceptances)
        {
            if (acceptance.OfferLine < 0 || acceptance.OfferLine >= offer.Lines.Count)
            {
                throw new TransitionRefusedException($"The offer has no line {acceptance.OfferLine}.");
            }
            if (acceptance.Quantity < 0 || acceptance.Quantity > offer.Lines[acceptance.OfferLine].Quantity)
            {
                throw new TransitionRefusedException($"Line {acceptance.OfferLine} offers {offer.Lines[acceptance.OfferLine].Quantity}; accept between 0 and that.");
            }
            accepted[acceptance.OfferLine] = acceptance.Quantity;
        }
        var total = accepted.Sum();
        if (total == 0)
        {
            RequireComment(reason, "Declining an offer needs a reason.");
        }
        var status = total == 0 ? OfferStatus.Declined
            : offer.Lines.Select((line, i) => accepted[i] == line.Quantity).All(full => full) ? OfferStatus.Accepted
            : OfferStatus.PartiallyAccepted;
        ReplaceOffer(offer with
        {
            Status = status,
            Question = null,
            Reason = reason,
            DecidedBy = requester.UserId,
            DecidedAt = now,
            Lines = offer.Lines.Select((line, i) => line with { Accepted = accepted[i] }).ToList(),
        });
        var action = status switch
        {
            OfferStatus.Accepted => AuditActions.OfferAccepted,
            OfferStatus.PartiallyAccepted => AuditActions.OfferPartiallyAccepted,
            _ => AuditActions.OfferDeclined,
        };
        Record(requester, now, action, reason, stageIndex: null, offerId: offerId);
        Inform(offer.AuthorityId, action, offerId);
        TellWhatIsNoLongerNeeded(requester, now);
        Changed();
    }

    /// <summary>
    /// The requester amends an open request; every partner with a live offer, and every one still asked, is told. A new
    /// <paramref name="offersBy"/> moves the deadline for offers: a new deadline message is scheduled, and the one
    /// scheduled before finds, when it falls due, that the deadline is not (refused, nothing done) or that offers are
    /// already closed.
    /// </summary>
    public void Amend(Actor requester, DateTimeOffset now, RequestDetails amended, string? comment, string? catalogueVersion = null, DateTimeOffset? offersBy = null)
    {
        RequireOpen("amended");
        if (amended.Capabilities.Count < State.Details.Capabilities.Count)
        {
            // Offers answer lines by position: removing one would silently point them at another line.
            throw new TransitionRefusedException("An amendment keeps every requested line (offers answer them); add lines or change quantities.");
        }
        var movesDeadline = offersBy is { } moved && moved != State.OffersBy;
        if (movesDeadline)
        {
            RequireOpenToOffers();
        }
        var changes = RequestDetailsChanges.Between(State.Details, amended);
        State = State with { Details = amended, CatalogueVersion = catalogueVersion ?? State.CatalogueVersion };
        if (movesDeadline)
        {
            State = State with { OffersBy = offersBy };
            changes = [.. changes, "offersBy"];
            _newMessages.Add(new RequestMessage(RequestMessageKinds.OffersDeadline, State.Id, State.Version + 1, null, DueAt: offersBy));
        }
        Record(requester, now, AuditActions.Amended, comment, stageIndex: null, changes: changes);
        InformPartners(State.Offers.Where(o => o.IsLive).Select(o => o.AuthorityId).Concat(Asked()), AuditActions.Amended);
        TellWhatIsNoLongerNeeded(requester, now);
        Changed();
    }

    /// <summary>The requester takes no further offer; offers already sent may still be decided.</summary>
    public void CloseToOffers(Actor requester, DateTimeOffset now, string? comment)
    {
        RequireOpenToOffers();
        State = State with { ClosedToOffers = true };
        Record(requester, now, AuditActions.ClosedToOffers, comment, stageIndex: null);
        InformPartners(Asked().Concat(State.Offers.Where(o => o.Status == OfferStatus.PendingApproval).Select(o => o.AuthorityId)), AuditActions.ClosedToOffers);
        foreach (var pending in State.Offers.Where(o => o.Status == OfferStatus.PendingApproval).ToList())
        {
            LapseOffer(pending, requester, now, comment);
        }
        Changed();
    }

    /// <summary>
    /// The deadline for offers fell due: the request takes no further offer, as if the requester had closed it to
    /// offers then. Refused when it is not due, or the request is no longer open to offers.
    /// </summary>
    public void CloseToOffersAtDeadline(DateTimeOffset now)
    {
        if (State.OffersBy is not { } deadline || now < deadline)
        {
            throw new TransitionRefusedException("The deadline for offers is not due.");
        }
        CloseToOffers(Actor.System, now, comment: null);
    }

    /// <summary>The requester closes an open request: nothing more is offered or decided; undecided offers lapse.</summary>
    public void CloseExchange(Actor requester, DateTimeOffset now, string? comment)
    {
        RequireOpen("closed");
        EndExchange(requester, now, comment, AuditActions.Closed);
        State = State with { Status = RequestStatus.Closed };
        Record(requester, now, AuditActions.Closed, comment, stageIndex: null);
        Changed();
    }

    private void EndExchange(Actor requester, DateTimeOffset now, string? comment, string action)
    {
        InformPartners(State.PartyAuthorityIds.Skip(1), action);
        foreach (var undecided in State.Offers.Where(o => o.Undecided).ToList())
        {
            LapseOffer(undecided, requester, now, comment);
        }
    }

    private void LapseOffer(OfferState offer, Actor actor, DateTimeOffset now, string? comment)
    {
        if (offer.Status == OfferStatus.PendingApproval)
        {
            ReplaceOfferStage(offer.OfferId, offer.Stages[offer.CurrentStageIndex] with { Status = StageStatus.Cancelled, DecidedAt = now });
        }
        ReplaceOffer(OfferOf(offer.OfferId) with { Status = OfferStatus.Lapsed });
        Record(actor, now, AuditActions.OfferLapsed, comment, stageIndex: null, offerId: offer.OfferId);
    }

    private void SendToPartners(Actor actor, DateTimeOffset now)
    {
        State = State with { Status = RequestStatus.Open, SentAt = now };
        Record(actor, now, AuditActions.SentToPartners, comment: null, stageIndex: null);
        // Each asked partner's 24/7 contact point is paged to look at the request.
        foreach (var addressee in State.Addressees!)
        {
            _newMessages.Add(new RequestMessage(RequestMessageKinds.NoticeRequested, State.Id, State.Version + 1, null, addressee.AuthorityId));
        }
        if (State.OffersBy is { } deadline)
        {
            _newMessages.Add(new RequestMessage(RequestMessageKinds.OffersDeadline, State.Id, State.Version + 1, null, DueAt: deadline));
        }
    }

    private void SendOffer(string offerId, Actor actor, DateTimeOffset now)
    {
        ReplaceOffer(OfferOf(offerId) with { Status = OfferStatus.Sent, SentAt = now });
        Record(actor, now, AuditActions.OfferSent, comment: null, stageIndex: null, offerId: offerId);
        // The requesting authority's contact point is paged: an offer waits for its decision.
        _newMessages.Add(new RequestMessage(RequestMessageKinds.NoticeRequested, State.Id, State.Version + 1, null, State.RequestingAuthorityId, offerId));
    }

    private void OpenOfferStage(string offerId, int index, Actor actor, DateTimeOffset now)
    {
        var stage = OfferOf(offerId).Stages[index];
        ReplaceOfferStage(offerId, stage.Open(now, State.Details.Urgency));
        ReplaceOffer(OfferOf(offerId) with { CurrentStageIndex = index });
        Record(actor, now, AuditActions.OfferStageOpened, comment: null, index, offerId: offerId);
        _newMessages.Add(new RequestMessage(RequestMessageKinds.StageOpened, State.Id, State.Version + 1, index, OfferId: offerId));
        _newMessages.Add(new RequestMessage(RequestMessageKinds.NoticeRequested, State.Id, State.Version + 1, index, OfferId: offerId));
    }

    // A covered line makes the pending offers' lines for it moot: their authorities are told, once per line.
    private void TellWhatIsNoLongerNeeded(Actor actor, DateTimeOffset now)
    {
        foreach (var line in LineCoverage.Of(State).Where(c => c.Covered))
        {
            foreach (var offer in State.Offers.Where(o => o.AwaitsRequester || o.Status == OfferStatus.PendingApproval).ToList())
            {
                var lines = offer.Lines.Select(l => l.RequestLine == line.Line && !l.NoLongerNeeded ? l with { NoLongerNeeded = true } : l).ToList();
                if (lines.SequenceEqual(offer.Lines))
                {
                    continue;
                }
                ReplaceOffer(offer with { Lines = lines });
                Record(actor, now, AuditActions.LineNoLongerNeeded, line.Code, stageIndex: null, offerId: offer.OfferId, authorityId: offer.AuthorityId);
                _newMessages.Add(new RequestMessage(
                    RequestMessageKinds.PartnerInformed, State.Id, State.Version + 1, line.Line, offer.AuthorityId, offer.OfferId, AuditActions.LineNoLongerNeeded));
            }
        }
    }

    private void InformPartners(IEnumerable<string> authorityIds, string action)
    {
        foreach (var authorityId in authorityIds.Distinct())
        {
            _newMessages.Add(new RequestMessage(RequestMessageKinds.PartnerInformed, State.Id, State.Version + 1, null, authorityId, Action: action));
        }
    }

    // One party told of one act on one offer: the offerer of its decision or a question, the requester of a withdrawal.
    private void Inform(string authorityId, string action, string offerId) =>
        _newMessages.Add(new RequestMessage(RequestMessageKinds.PartnerInformed, State.Id, State.Version + 1, null, authorityId, offerId, action));

    private IEnumerable<string> Asked() => State.Addressees!.Where(a => a.Status == AddresseeStatus.Asked).Select(a => a.AuthorityId);

    private void RequireOpen(string verb)
    {
        if (!State.IsExchange || State.Status != RequestStatus.Open)
        {
            throw new TransitionRefusedException($"The request is {WireNames.Of(State.Status)}; it cannot be {verb} now.");
        }
    }

    private void RequireOpenToOffers()
    {
        RequireOpen("offered on");
        if (State.ClosedToOffers)
        {
            throw new TransitionRefusedException("The requester takes no further offer on this request.");
        }
    }

    private void RequireAnswersRequestedLines(IReadOnlyList<OfferLine> lines)
    {
        if (lines.Count == 0 || lines.Any(l => l.RequestLine < 0 || l.RequestLine >= State.Details.Capabilities.Count || l.Quantity < 1))
        {
            throw new TransitionRefusedException("An offer answers one or more requested lines, each with a quantity of one or more.");
        }
    }

    private OfferState RequireOfferPendingApproval(string offerId, string verb)
    {
        var offer = OfferOf(offerId);
        if (offer.Status != OfferStatus.PendingApproval)
        {
            throw new TransitionRefusedException($"The offer is {WireNames.Of(offer.Status)}; it cannot be {verb} now.");
        }
        return offer;
    }

    private OfferState RequireOfferAwaitingDecision(string offerId, string verb)
    {
        RequireOpen("decided on");
        var offer = OfferOf(offerId);
        if (!offer.AwaitsRequester)
        {
            throw new TransitionRefusedException($"The offer is {WireNames.Of(offer.Status)}; it cannot be {verb} now.");
        }
        return offer;
    }

    // A partner whose offer was refused or withdrawn is asked again, unless it has another live offer.
    private void ReopenAddressee(string authorityId)
    {
        if (State.Addressees!.FirstOrDefault(a => a.AuthorityId == authorityId) is { } addressee
            && !State.Offers.Any(o => o.AuthorityId == authorityId && o.IsLive))
        {
            ReplaceAddressee(addressee with { Status = AddresseeStatus.Asked, AnsweredBy = null, AnsweredAt = null });
        }
    }

    private void ReplaceAddressee(Addressee addressee) =>
        State = State with { Addressees = State.Addressees!.Select(a => a.AuthorityId == addressee.AuthorityId ? addressee : a).ToList() };

    // Every change of an offer steps its own version, so a decision made on a stale view of it is refused.
    private void ReplaceOffer(OfferState offer) =>
        State = State with { Offers = State.Offers.Select(o => o.OfferId == offer.OfferId ? offer with { Version = o.Version + 1 } : o).ToList() };

    private void ReplaceOfferStage(string offerId, Stage stage)
    {
        var offer = OfferOf(offerId);
        var stages = offer.Stages.ToList();
        stages[stage.Index] = stage;
        ReplaceOffer(offer with { Stages = stages });
    }
}
