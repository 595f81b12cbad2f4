using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;
using CivilProtection.Domain.Tests.Requests;

namespace CivilProtection.Domain.Tests.Offers;

/// <summary>The exchange with partners: asking several, offers through their own stages, line-by-line decisions, coverage.</summary>
public sealed class ExchangeTests
{
    // As the request store writes snapshots.
    private static readonly System.Text.Json.JsonSerializerOptions StoredJson =
        new(System.Text.Json.JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Fact]
    public void A_request_to_several_partners_validates_on_the_requesting_side_before_anyone_is_asked()
    {
        var request = Exchange.Filed();

        Assert.Equal(RequestStatus.PendingApproval, request.Status);
        Assert.True(request.State.IsExchange);
        Assert.Equal("", request.State.AssistingAuthorityId);
        Assert.All(request.State.Addressees!, a => Assert.Equal(AddresseeStatus.Asked, a.Status));
        Assert.DoesNotContain(request.NewMessages, m => m.AuthorityId is not null);
        Assert.Equal([Given.Requesting, Exchange.France, Exchange.Spain, Exchange.Portugal], request.State.PartyAuthorityIds);
    }

    [Fact]
    public void Validation_sends_the_request_out_and_pages_every_asked_partners_contact_point()
    {
        var request = Given.Loaded(Exchange.Filed());

        request.Approve(Given.RequestingApprover, Given.Later, comment: null);

        Assert.Equal(RequestStatus.Open, request.Status);
        Assert.Equal(AuditActions.SentToPartners, request.NewEvents[^1].Action);
        var paged = request.NewMessages.Where(m => m.Kind == RequestMessageKinds.NoticeRequested).Select(m => m.AuthorityId).ToList();
        Assert.Equal([Exchange.France, Exchange.Spain, Exchange.Portugal], paged);
        Assert.Equal(3, request.NewMessages.Where(m => m.Kind == RequestMessageKinds.NoticeRequested).Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public void Without_validation_stages_the_request_goes_out_at_filing()
    {
        var request = AssistanceRequest.FileToPartners(Given.RequestId, Given.Reference, Given.Details(), Given.Requesting, [Exchange.France], [],
            Given.DutyOfficer, Given.FiledAt, Given.CorrelationId);

        Assert.Equal(RequestStatus.Open, request.Status);
        Assert.Contains(request.NewMessages, m => m.Kind == RequestMessageKinds.NoticeRequested && m.AuthorityId == Exchange.France);
    }

    [Fact]
    public void Filing_to_nobody_to_itself_or_twice_to_the_same_partner_is_refused()
    {
        Assert.Throws<TransitionRefusedException>(() => AssistanceRequest.FileToPartners(
            Given.RequestId, Given.Reference, Given.Details(), Given.Requesting, [], [], Given.DutyOfficer, Given.FiledAt, Given.CorrelationId));
        Assert.Throws<TransitionRefusedException>(() => AssistanceRequest.FileToPartners(
            Given.RequestId, Given.Reference, Given.Details(), Given.Requesting, [Given.Requesting], [], Given.DutyOfficer, Given.FiledAt, Given.CorrelationId));
        Assert.Throws<TransitionRefusedException>(() => AssistanceRequest.FileToPartners(
            Given.RequestId, Given.Reference, Given.Details(), Given.Requesting, [Exchange.France, Exchange.France], [], Given.DutyOfficer, Given.FiledAt, Given.CorrelationId));
    }

    [Fact]
    public void Nobody_offers_before_validation()
    {
        var request = Given.Loaded(Exchange.Filed());

        Refused.AndNothingChanged(request, r => r.PrepareOffer(Exchange.France, [Exchange.Line(0, 2)], Exchange.FrenchContact, [], Exchange.FrenchCoordinator, Given.Later));
    }

    [Fact]
    public void An_offer_goes_through_the_offerers_own_stage_before_the_requester_sees_it()
    {
        var request = Exchange.Open();

        var offer = request.PrepareOffer(Exchange.France, [Exchange.Line(0, 2)], Exchange.FrenchContact, [Exchange.FrenchOfferStage], Exchange.FrenchCoordinator, Given.MuchLater);

        Assert.Equal(OfferStatus.PendingApproval, offer.Status);
        Assert.False(offer.WasSent);
        Assert.Equal(StageStatus.Pending, offer.Stages[0].Status);
        Assert.Equal(Given.MuchLater + Given.SecondStageDeadlines.Routine, offer.Stages[0].Deadline);
        Assert.Contains(request.NewMessages, m => m.Kind == RequestMessageKinds.StageOpened && m.OfferId == offer.OfferId && m.StageIndex == 0);
        Assert.Equal(AddresseeStatus.Offered, request.State.Addressees!.Single(a => a.AuthorityId == Exchange.France).Status);
        Assert.All(LineCoverage.Of(request.State), c => Assert.Equal(0, c.Offered));

        var loaded = Given.Loaded(request);
        loaded.ApproveOffer(offer.OfferId, Exchange.FrenchApprover, Given.LaterStill, "Moyens disponibles.");

        var sent = loaded.OfferOf(offer.OfferId);
        Assert.Equal(OfferStatus.Sent, sent.Status);
        Assert.Equal(Given.LaterStill, sent.SentAt);
        Assert.Contains(loaded.NewMessages, m => m.Kind == RequestMessageKinds.NoticeRequested && m.AuthorityId == Given.Requesting && m.OfferId == offer.OfferId);
        Assert.Equal(2, LineCoverage.Of(loaded.State)[0].Offered);
    }

    [Fact]
    public void An_offer_rejected_on_the_offerers_side_is_never_sent_and_the_partner_is_asked_again()
    {
        var request = Exchange.Open();
        var offer = request.PrepareOffer(Exchange.France, [Exchange.Line(0, 2)], Exchange.FrenchContact, [Exchange.FrenchOfferStage], Exchange.FrenchCoordinator, Given.MuchLater);
        request = Given.Loaded(request);

        Refused.AndNothingChanged(request, r => r.RejectOffer(offer.OfferId, Exchange.FrenchApprover, Given.LaterStill, " "));
        request.RejectOffer(offer.OfferId, Exchange.FrenchApprover, Given.LaterStill, "Moyens engagés ailleurs.");

        Assert.Equal(OfferStatus.Rejected, request.OfferOf(offer.OfferId).Status);
        Assert.Equal(AddresseeStatus.Asked, request.State.Addressees!.Single(a => a.AuthorityId == Exchange.France).Status);
        Assert.DoesNotContain(request.NewMessages, m => m.AuthorityId == Given.Requesting);
    }

    [Fact]
    public void A_partner_declines_to_offer_with_a_reason_once()
    {
        var request = Exchange.Open();

        Refused.AndNothingChanged(request, r => r.DeclineToOffer(Exchange.Spain, Exchange.SpanishCoordinator, Given.MuchLater, ""));
        request.DeclineToOffer(Exchange.Spain, Exchange.SpanishCoordinator, Given.MuchLater, "Moyens engagés sur nos feux.");

        var spain = request.State.Addressees!.Single(a => a.AuthorityId == Exchange.Spain);
        Assert.Equal(AddresseeStatus.Declined, spain.Status);
        Assert.Equal("Moyens engagés sur nos feux.", spain.Reason);
        Refused.AndNothingChanged(Given.Loaded(request), r => r.DeclineToOffer(Exchange.Spain, Exchange.SpanishCoordinator, Given.MuchLater, "Encore."));
        Refused.AndNothingChanged(Given.Loaded(request), r => r.DeclineToOffer(Exchange.Italy, Exchange.ItalianCoordinator, Given.MuchLater, "Pas demandé."));
    }

    [Fact]
    public void A_partner_that_was_not_asked_may_offer_all_the_same()
    {
        var request = Exchange.Open();

        var offer = request.PrepareOffer(Exchange.Italy, [Exchange.Line(1, 2)], Exchange.FrenchContact, [], Exchange.ItalianCoordinator, Given.MuchLater);

        Assert.True(offer.Unsolicited);
        Assert.Equal(OfferStatus.Sent, offer.Status);
        Assert.Contains(Exchange.Italy, request.State.PartyAuthorityIds);
    }

    [Fact]
    public void One_live_offer_per_partner_and_none_on_its_own_request()
    {
        var (request, _) = Exchange.WithSentOffer(Exchange.France, Exchange.Line(0, 1));

        Refused.AndNothingChanged(request, r => r.PrepareOffer(Exchange.France, [Exchange.Line(0, 1)], Exchange.FrenchContact, [], Exchange.FrenchCoordinator, Given.LaterStill));
        Refused.AndNothingChanged(request, r => r.PrepareOffer(Given.Requesting, [Exchange.Line(0, 1)], Exchange.FrenchContact, [], Given.DutyOfficer, Given.LaterStill));
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(2, 1)]
    [InlineData(0, 0)]
    public void An_offer_line_must_answer_a_requested_line_with_a_quantity(int requestLine, int quantity)
    {
        var request = Exchange.Open();

        Refused.AndNothingChanged(request, r => r.PrepareOffer(Exchange.France, [Exchange.Line(requestLine, quantity)], Exchange.FrenchContact, [], Exchange.FrenchCoordinator, Given.MuchLater));
    }

    [Fact]
    public void Accepting_part_of_an_offer_makes_commitments_of_what_was_accepted_and_coverage_shows_what_is_open()
    {
        var (request, offerId) = Exchange.WithSentOffer(Exchange.France, Exchange.Line(0, 2), Exchange.Line(1, 3));

        request.DecideOffer(offerId, [new LineAcceptance(0, 2), new LineAcceptance(1, 1)], Given.DutyOfficer, Given.LaterStill, reason: null);

        var offer = request.OfferOf(offerId);
        Assert.Equal(OfferStatus.PartiallyAccepted, offer.Status);
        Assert.Equal([2, 1], offer.Lines.Select(l => l.Accepted!.Value));
        var coverage = LineCoverage.Of(request.State);
        Assert.Equal((2, 2, 2, 0), (coverage[0].Requested, coverage[0].Offered, coverage[0].Accepted, coverage[0].Open));
        Assert.Equal((4, 3, 1, 3), (coverage[1].Requested, coverage[1].Offered, coverage[1].Accepted, coverage[1].Open));
        Assert.Equal(AuditActions.OfferPartiallyAccepted, request.NewEvents.Single(e => e.OfferId == offerId).Action);
        Assert.Contains(request.NewMessages, m => m.Kind == RequestMessageKinds.PartnerInformed && m.AuthorityId == Exchange.France);
    }

    [Fact]
    public void Accepting_every_line_in_full_accepts_the_offer()
    {
        var (request, offerId) = Exchange.WithSentOffer(Exchange.France, Exchange.Line(0, 2));

        request.DecideOffer(offerId, [new LineAcceptance(0, 2)], Given.DutyOfficer, Given.LaterStill, reason: null);

        Assert.Equal(OfferStatus.Accepted, request.OfferOf(offerId).Status);
    }

    [Fact]
    public void Declining_an_offer_needs_a_reason_and_accepting_more_than_offered_is_refused()
    {
        var (request, offerId) = Exchange.WithSentOffer(Exchange.France, Exchange.Line(0, 2));

        Refused.AndNothingChanged(request, r => r.DecideOffer(offerId, [], Given.DutyOfficer, Given.LaterStill, reason: null));
        Refused.AndNothingChanged(request, r => r.DecideOffer(offerId, [new LineAcceptance(0, 3)], Given.DutyOfficer, Given.LaterStill, reason: null));
        Refused.AndNothingChanged(request, r => r.DecideOffer(offerId, [new LineAcceptance(1, 1)], Given.DutyOfficer, Given.LaterStill, reason: null));

        request.DecideOffer(offerId, [new LineAcceptance(0, 0)], Given.DutyOfficer, Given.LaterStill, "Délai trop long.");

        Assert.Equal(OfferStatus.Declined, request.OfferOf(offerId).Status);
        Assert.Equal(0, LineCoverage.Of(request.State)[0].Offered);
        Refused.AndNothingChanged(Given.Loaded(request), r => r.DecideOffer(offerId, [new LineAcceptance(0, 1)], Given.DutyOfficer, Given.LaterStill, null));
    }

    [Fact]
    public void A_covered_line_tells_the_partners_whose_offers_for_it_are_still_pending_once()
    {
        var request = Exchange.Open();
        var french = request.PrepareOffer(Exchange.France, [Exchange.Line(0, 2)], Exchange.FrenchContact, [], Exchange.FrenchCoordinator, Given.MuchLater);
        var spanish = request.PrepareOffer(Exchange.Spain, [Exchange.Line(0, 1), Exchange.Line(1, 4)], Exchange.FrenchContact, [], Exchange.SpanishCoordinator, Given.MuchLater);
        request = Given.Loaded(request);

        request.DecideOffer(french.OfferId, [new LineAcceptance(0, 2)], Given.DutyOfficer, Given.LaterStill, reason: null);

        var pending = request.OfferOf(spanish.OfferId);
        Assert.True(pending.Lines[0].NoLongerNeeded);
        Assert.False(pending.Lines[1].NoLongerNeeded);
        var told = Assert.Single(request.NewEvents, e => e.Action == AuditActions.LineNoLongerNeeded);
        Assert.Equal(Exchange.Spain, told.AuthorityId);
        Assert.Single(request.NewMessages, m => m.Kind == RequestMessageKinds.PartnerInformed && m.AuthorityId == Exchange.Spain);

        // Amending afterwards does not tell them again about the same line.
        var loaded = Given.Loaded(request);
        loaded.Amend(Given.DutyOfficer, Given.LaterStill, Given.Details() with { Urgency = Urgency.Urgent }, "Plus urgent.");
        Assert.DoesNotContain(loaded.NewEvents, e => e.Action == AuditActions.LineNoLongerNeeded);
    }

    [Fact]
    public void A_question_to_an_offerer_holds_the_decision_until_it_answers_and_the_answer_may_amend_the_offer()
    {
        var (request, offerId) = Exchange.WithSentOffer(Exchange.France, Exchange.Line(0, 2));

        request.AskOfferer(offerId, Given.DutyOfficer, Given.LaterStill, "Autonomie en carburant ?");
        Assert.Equal(OfferStatus.QuestionAsked, request.OfferOf(offerId).Status);
        Refused.AndNothingChanged(Given.Loaded(request), r => r.AskOfferer(offerId, Given.DutyOfficer, Given.LaterStill, "Et encore ?"));

        request = Given.Loaded(request);
        request.AnswerOfferQuestion(offerId, Exchange.FrenchCoordinator, Given.LaterStill, "72 h, et un troisième module.", [Exchange.Line(0, 3)]);

        var answered = request.OfferOf(offerId);
        Assert.Equal(OfferStatus.Sent, answered.Status);
        Assert.Null(answered.Question);
        Assert.Equal(3, answered.Lines[0].Quantity);
    }

    [Fact]
    public void An_offer_is_withdrawn_before_its_decision_but_not_after()
    {
        var (request, offerId) = Exchange.WithSentOffer(Exchange.France, Exchange.Line(0, 2));
        var accepted = Given.Loaded(request);
        accepted.DecideOffer(offerId, [new LineAcceptance(0, 1)], Given.DutyOfficer, Given.LaterStill, null);

        request.WithdrawOffer(offerId, Exchange.FrenchCoordinator, Given.LaterStill, "Moyens rappelés.");

        Assert.Equal(OfferStatus.Withdrawn, request.OfferOf(offerId).Status);
        Assert.Equal(AddresseeStatus.Asked, request.State.Addressees!.Single(a => a.AuthorityId == Exchange.France).Status);
        Assert.Contains(request.NewMessages, m => m.Kind == RequestMessageKinds.PartnerInformed && m.AuthorityId == Given.Requesting);
        Refused.AndNothingChanged(Given.Loaded(accepted), r => r.WithdrawOffer(offerId, Exchange.FrenchCoordinator, Given.LaterStill, null));
    }

    [Fact]
    public void Closing_to_offers_refuses_new_offers_lets_sent_ones_be_decided_and_lapses_those_not_yet_sent()
    {
        var request = Exchange.Open();
        var sent = request.PrepareOffer(Exchange.France, [Exchange.Line(0, 2)], Exchange.FrenchContact, [], Exchange.FrenchCoordinator, Given.MuchLater);
        var internalOne = request.PrepareOffer(Exchange.Spain, [Exchange.Line(1, 2)], Exchange.FrenchContact, [Exchange.FrenchOfferStage with { AuthorityId = Exchange.Spain }], Exchange.SpanishCoordinator, Given.MuchLater);
        request = Given.Loaded(request);

        request.CloseToOffers(Given.DutyOfficer, Given.LaterStill, "Couvert.");

        Assert.True(request.State.ClosedToOffers);
        Assert.Equal(OfferStatus.Lapsed, request.OfferOf(internalOne.OfferId).Status);
        Refused.AndNothingChanged(Given.Loaded(request), r => r.PrepareOffer(Exchange.Portugal, [Exchange.Line(0, 1)], Exchange.FrenchContact, [], Exchange.FrenchCoordinator, Given.LaterStill));
        var loaded = Given.Loaded(request);
        loaded.DecideOffer(sent.OfferId, [new LineAcceptance(0, 2)], Given.DutyOfficer, Given.LaterStill, null);
        Assert.Equal(OfferStatus.Accepted, loaded.OfferOf(sent.OfferId).Status);
    }

    [Fact]
    public void Cancelling_an_open_request_lapses_undecided_offers_and_tells_every_partner()
    {
        var (request, offerId) = Exchange.WithSentOffer(Exchange.Italy, Exchange.Line(0, 2));

        request.Cancel(Given.DutyOfficer, Given.LaterStill, "La crue est passée.");

        Assert.Equal(RequestStatus.Cancelled, request.Status);
        Assert.Equal(OfferStatus.Lapsed, request.OfferOf(offerId).Status);
        var told = request.NewMessages.Where(m => m.Kind == RequestMessageKinds.PartnerInformed).Select(m => m.AuthorityId).ToHashSet();
        Assert.Equal(new[] { Exchange.France, Exchange.Spain, Exchange.Portugal, Exchange.Italy }.Order(), told.Order());
        Refused.AndNothingChanged(Given.Loaded(request), r => r.PrepareOffer(Exchange.France, [Exchange.Line(0, 1)], Exchange.FrenchContact, [], Exchange.FrenchCoordinator, Given.LaterStill));
    }

    [Fact]
    public void An_amendment_keeps_every_line_offers_answer()
    {
        var request = Exchange.Open();
        var fewer = Given.Details() with { Capabilities = [Given.Details().Capabilities[0]] };

        Refused.AndNothingChanged(request, r => r.Amend(Given.DutyOfficer, Given.LaterStill, fewer, null));
    }

    [Fact]
    public void Amending_and_resubmitting_keep_the_catalogue_version_the_new_lines_were_checked_against()
    {
        var open = Exchange.Open();
        open.Amend(Given.DutyOfficer, Given.LaterStill, Given.Details(), null, "eu-2025-704/1");
        Assert.Equal("eu-2025-704/1", open.State.CatalogueVersion);
        open.Amend(Given.DutyOfficer, Given.LaterStill, Given.Details(), null);
        Assert.Equal("eu-2025-704/1", open.State.CatalogueVersion);

        var returned = Given.InStatus(RequestStatus.ReturnedForInformation);
        returned.Resubmit(Given.DutyOfficer, Given.LaterStill, Given.Details(), "Précisé.", "legacy-1");
        Assert.Equal("legacy-1", returned.State.CatalogueVersion);
    }

    [Fact]
    public void Every_change_of_an_offer_steps_its_version_and_the_requests()
    {
        var (request, offerId) = Exchange.WithSentOffer(Exchange.France, Exchange.Line(0, 2));
        var before = (request.State.Version, request.OfferOf(offerId).Version);

        request.AskOfferer(offerId, Given.DutyOfficer, Given.LaterStill, "Question ?");

        Assert.Equal(before.Item1 + 1, request.State.Version);
        Assert.True(request.OfferOf(offerId).Version > before.Item2);
    }

    [Fact]
    public void The_exchange_survives_a_round_trip_through_its_stored_state()
    {
        var (request, offerId) = Exchange.WithSentOffer(Exchange.France, Exchange.Line(0, 2));

        var json = System.Text.Json.JsonSerializer.Serialize(request.State, StoredJson);
        // What is derived is not stored.
        Assert.DoesNotContain("partyAuthorityIds", json, StringComparison.Ordinal);
        Assert.DoesNotContain("wasSent", json, StringComparison.Ordinal);
        var restored = System.Text.Json.JsonSerializer.Deserialize<AssistanceRequestState>(json, StoredJson)!;

        Assert.Equal(request.State.Addressees, restored.Addressees);
        Assert.Equal(request.OfferOf(offerId).Lines, restored.Offers.Single().Lines);
        Assert.Equal(new Money(125_000.50m, "EUR"), restored.Offers.Single().Lines[0].EstimatedCost);
    }

    [Fact]
    public void A_request_stored_before_the_exchange_reads_as_a_route_to_one_authority()
    {
        const string stored = """{"id":"r1","reference":"MA-2025-0001","requestingAuthorityId":"MA-DGPC","assistingAuthorityId":"FR-DGSCGC","status":"PendingApproval","stages":[],"currentStageIndex":0,"version":1,"eventCount":1,"correlationId":"c"}""";

        var state = System.Text.Json.JsonSerializer.Deserialize<AssistanceRequestState>(stored, StoredJson)!;

        Assert.False(state.IsExchange);
        Assert.Empty(state.Offers);
        Assert.Equal(["MA-DGPC", "FR-DGSCGC"], state.PartyAuthorityIds);
    }
}
