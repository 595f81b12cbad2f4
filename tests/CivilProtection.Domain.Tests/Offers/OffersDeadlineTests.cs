using CivilProtection.Domain.Requests;
using CivilProtection.Domain.Tests.Requests;
using static CivilProtection.Domain.Tests.Offers.Exchange;

namespace CivilProtection.Domain.Tests.Offers;

/// <summary>The deadline a requester sets for offers: scheduled when the request goes out, enforced, and closing it to offers when due.</summary>
public sealed class OffersDeadlineTests
{
    private static readonly DateTimeOffset Deadline = Given.FiledAt.AddHours(5);

    private static AssistanceRequest OpenWithDeadline()
    {
        var request = AssistanceRequest.FileToPartners(
            Given.RequestId, Given.Reference, Given.Details(Urgency.Routine), Given.Requesting, [France, Spain], [Given.RequestingStage],
            Given.DutyOfficer, Given.FiledAt, Given.CorrelationId, offersBy: Deadline);
        request.Approve(Given.RequestingApprover, Given.Later, comment: null);
        return request;
    }

    [Fact]
    public void Going_out_schedules_the_deadline_check_at_the_deadline()
    {
        var request = OpenWithDeadline();

        var check = Assert.Single(request.NewMessages, m => m.Kind == RequestMessageKinds.OffersDeadline);
        Assert.Equal(Deadline, check.DueAt);
        Assert.Equal(Deadline, request.State.OffersBy);
    }

    [Fact]
    public void No_offer_is_prepared_once_due_and_the_due_check_closes_the_request_to_offers_telling_those_still_asked()
    {
        var request = Given.Loaded(OpenWithDeadline());
        request.PrepareOffer(France, [Line(0, 1)], FrenchContact, [], FrenchCoordinator, Deadline.AddMinutes(-1));
        Assert.Throws<TransitionRefusedException>(() => request.PrepareOffer(Spain, [Line(0, 1)], FrenchContact, [], SpanishCoordinator, Deadline));
        Assert.Throws<TransitionRefusedException>(() => request.CloseToOffersAtDeadline(Deadline.AddSeconds(-1)));

        var loaded = Given.Loaded(request);
        loaded.CloseToOffersAtDeadline(Deadline);

        Assert.True(loaded.State.ClosedToOffers);
        Assert.Equal("system", loaded.NewEvents.Single(e => e.Action == AuditActions.ClosedToOffers).ActorId);
        Assert.Equal([Spain], loaded.NewMessages.Where(m => m.Kind == RequestMessageKinds.PartnerInformed).Select(m => m.AuthorityId));
    }

    [Fact]
    public void An_amendment_moves_the_deadline_schedules_its_check_and_the_check_scheduled_before_finds_it_not_due()
    {
        var later = Deadline.AddHours(3);
        var request = Given.Loaded(OpenWithDeadline());

        request.Amend(Given.DutyOfficer, Given.Later, Given.Details(Urgency.Routine), "Plus de temps pour offrir.", offersBy: later);

        Assert.Equal(later, request.State.OffersBy);
        Assert.Equal(later, Assert.Single(request.NewMessages, m => m.Kind == RequestMessageKinds.OffersDeadline).DueAt);
        Assert.Equal(["offersBy"], request.NewEvents.Single(e => e.Action == AuditActions.Amended).Changes);
        var moved = Given.Loaded(request);
        Assert.Throws<TransitionRefusedException>(() => moved.CloseToOffersAtDeadline(Deadline));
        moved.CloseToOffersAtDeadline(later);
        Assert.True(moved.State.ClosedToOffers);

        // Closed to offers, there is no deadline left to move; the same deadline again changes nothing of it.
        Refused.AndNothingChanged(Given.Loaded(moved), r => r.Amend(Given.DutyOfficer, later, Given.Details(Urgency.Routine), null, offersBy: later.AddHours(1)));
        var same = Given.Loaded(OpenWithDeadline());
        same.Amend(Given.DutyOfficer, Given.Later, Given.Details(Urgency.Routine), null, offersBy: Deadline);
        Assert.DoesNotContain(same.NewMessages, m => m.Kind == RequestMessageKinds.OffersDeadline);
    }

    [Fact]
    public void A_deadline_not_in_the_future_is_refused()
    {
        Assert.Throws<TransitionRefusedException>(() => AssistanceRequest.FileToPartners(
            Given.RequestId, Given.Reference, Given.Details(Urgency.Routine), Given.Requesting, [France], [Given.RequestingStage],
            Given.DutyOfficer, Given.FiledAt, Given.CorrelationId, offersBy: Given.FiledAt));
    }
}
