using CivilProtection.Domain.Dispatch;
using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;
using CivilProtection.Domain.Tests.Offers;
using CivilProtection.Domain.Tests.Requests;
using static CivilProtection.Domain.Tests.Offers.Exchange;
using DispatchStatus = CivilProtection.Domain.Dispatch.OfferStatus;

namespace CivilProtection.Domain.Tests.Dispatch;

/// <summary>What a partner's commitments call for in people, and the dispatch that fills them role by role.</summary>
public sealed class CommitmentDispatchTests
{
    private static readonly TeamComposition SmallPumpingTeam = new(false, null, [new CompositionRole("team-leader", 1), new CompositionRole("pump-operator", 3)]);

    [Fact]
    public void An_accepted_module_needs_its_team_times_the_quantity_in_the_current_code_and_an_unaccepted_line_needs_nobody()
    {
        var (request, offerId) = WithSentOffer(France, Line(0, 2), Line(1, 4));
        request.DecideOffer(offerId, [new LineAcceptance(0, 2), new LineAcceptance(1, 0)], Given.DutyOfficer, Given.LaterStill, reason: null);

        var needs = CommitmentNeeds.Of(request.State, France, code => code == "HCP" ? SmallPumpingTeam : null);

        Assert.Equal([new CapabilityNeed("HCP", 2, "team-leader"), new CapabilityNeed("HCP", 6, "pump-operator")], needs);
        Assert.Empty(CommitmentNeeds.Of(request.State, Spain, _ => SmallPumpingTeam));
    }

    [Fact]
    public void Without_its_own_composition_the_catalogue_example_is_used_a_person_unit_needs_one_each_and_equipment_nobody()
    {
        var (request, offerId) = WithSentOffer(France, Line(0, 1), Line(1, 2, code: "EXPERT-FLOOD"));
        request.DecideOffer(offerId, [new LineAcceptance(0, 1), new LineAcceptance(1, 2)], Given.DutyOfficer, Given.LaterStill, reason: null);

        var needs = CommitmentNeeds.Of(request.State, France, _ => null);

        var example = CatalogueVersions.Current.Find("HCP")!.Composition!.Roles;
        Assert.Equal(example.Select(r => new CapabilityNeed("HCP", r.Count, r.Role)).Append(new CapabilityNeed("EXPERT-FLOOD", 2)), needs);

        var (withItem, itemOffer) = WithSentOffer(France, Line(0, 3, code: "GENERATOR"));
        withItem.DecideOffer(itemOffer, [new LineAcceptance(0, 3)], Given.DutyOfficer, Given.LaterStill, reason: null);
        Assert.Empty(CommitmentNeeds.Of(withItem.State, France, _ => null));
    }

    [Fact]
    public void A_dispatch_for_commitments_asks_only_for_a_needed_role_and_counts_coverage_per_role()
    {
        var (request, offerId) = WithSentOffer(France, Line(0, 1));
        request.DecideOffer(offerId, [new LineAcceptance(0, 1)], Given.DutyOfficer, Given.LaterStill, reason: null);
        var needs = CommitmentNeeds.Of(request.State, France, _ => SmallPumpingTeam);
        var dispatch = ResponderDispatch.StartForCommitments(request.State, France, needs, "Nîmes", Given.LaterStill.AddHours(4), TimeSpan.FromMinutes(15), FrenchCoordinator, Given.LaterStill);

        Assert.Throws<TransitionRefusedException>(() => dispatch.Offer("p-1", "Léa", "HCP", "medic", "sms-1", FrenchCoordinator, Given.LaterStill));
        Assert.Throws<TransitionRefusedException>(() => dispatch.Offer("p-1", "Léa", "HCP", null, "sms-1", FrenchCoordinator, Given.LaterStill));
        dispatch.Offer("p-1", "Léa", "HCP", "team-leader", "sms-1", FrenchCoordinator, Given.LaterStill);
        dispatch.Offer("p-2", "Marc", "HCP", "pump-operator", "sms-2", FrenchCoordinator, Given.LaterStill);
        dispatch.Answer("p-1", accepted: true, Given.LaterStill.AddMinutes(1));
        dispatch.Answer("p-2", accepted: false, Given.LaterStill.AddMinutes(2));

        var leader = dispatch.CoverageOf("HCP", "team-leader");
        var pumpers = dispatch.CoverageOf("HCP", "pump-operator");
        Assert.True(leader.Covered);
        Assert.Equal((3, 0, 1, 3), (pumpers.Needed, pumpers.Accepted, pumpers.Declined, pumpers.StillToAsk));
        Assert.False(dispatch.IsCovered);
        Assert.Equal(France, dispatch.State.AuthorityId);
        Assert.All(dispatch.Events, e => Assert.Equal(France, e.AuthorityId));
        Assert.Equal(DispatchStatus.Declined, dispatch.State.Offers.Single(o => o.PersonId == "p-2").Status);
    }

    [Fact]
    public void A_dispatch_for_commitments_is_refused_without_a_commitment_through_a_route_or_after_the_request_ended()
    {
        var (request, offerId) = WithSentOffer(France, Line(0, 1));
        Assert.Throws<TransitionRefusedException>(() => Start(request.State, []));

        request.DecideOffer(offerId, [new LineAcceptance(0, 1)], Given.DutyOfficer, Given.LaterStill, reason: null);
        var needs = CommitmentNeeds.Of(request.State, France, _ => SmallPumpingTeam);
        request.CloseExchange(Given.DutyOfficer, Given.LaterStill.AddHours(1), "Crue terminée");
        Assert.Throws<TransitionRefusedException>(() => Start(request.State, needs));

        var routed = Given.InStatus(RequestStatus.Approved);
        Assert.Throws<TransitionRefusedException>(() => Start(routed.State, needs));
    }

    [Fact]
    public void Renewed_needs_grow_with_a_later_commitment_and_never_drop_one_already_asked_for()
    {
        var (request, offerId) = WithSentOffer(France, Line(0, 1));
        request.DecideOffer(offerId, [new LineAcceptance(0, 1)], Given.DutyOfficer, Given.LaterStill, reason: null);
        var dispatch = Start(request.State, [new CapabilityNeed("HCP", 1, "team-leader"), new CapabilityNeed("HCP", 3, "pump-operator")]);
        dispatch.Offer("p-1", "Léa", "HCP", "team-leader", "sms-1", FrenchCoordinator, Given.LaterStill);

        dispatch.Renew([new CapabilityNeed("HCP", 2, "pump-operator"), new CapabilityNeed("FRB", 10, "boat-operator")]);

        Assert.Equal(
            [new CapabilityNeed("HCP", 2, "pump-operator"), new CapabilityNeed("FRB", 10, "boat-operator"), new CapabilityNeed("HCP", 1, "team-leader")],
            dispatch.State.Needs);
    }

    private static ResponderDispatch Start(AssistanceRequestState request, IReadOnlyList<CapabilityNeed> needs) =>
        ResponderDispatch.StartForCommitments(request, France, needs, "Nîmes", Given.LaterStill.AddHours(4), TimeSpan.FromMinutes(15), FrenchCoordinator, Given.LaterStill);
}
