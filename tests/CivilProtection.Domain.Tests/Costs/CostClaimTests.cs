using CivilProtection.Domain.Costs;
using CivilProtection.Domain.Deployments;
using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;
using CivilProtection.Domain.Tests.Deployments;
using CivilProtection.Domain.Tests.Requests;
using static CivilProtection.Domain.Tests.Offers.Exchange;

namespace CivilProtection.Domain.Tests.Costs;

/// <summary>France claims the costs of its deployment once home; Morocco reviews each line, France revises what is disputed, Morocco pays.</summary>
public sealed class CostClaimTests
{
    private static readonly DateTimeOffset Now = Deployed.Now.AddDays(15);

    private static readonly ClaimLineDraft Personnel = new(CostCategory.Personnel, "8 sapeurs-pompiers, 14 jours", 42_000.50m, "EUR", false);
    private static readonly ClaimLineDraft Flight = new(CostCategory.Transport, "Vol affrété Marseille–Rabat", 18_250m, "EUR", true);
    private static readonly ClaimLineDraft Fuel = new(CostCategory.Consumables, "Carburant des pompes", 12_400.25m, "MAD", false);

    private static (AssistanceRequestState Request, DeploymentState Deployment) Home(DeploymentStatus until = DeploymentStatus.Returned)
    {
        var (request, offerId) = WithSentOffer(France, Line(0, 2));
        request.DecideOffer(offerId, [new LineAcceptance(0, 2)], Given.DutyOfficer, Given.LaterStill, reason: null);
        var deployment = Deployment.Mobilise(request.State, France, 8, FrenchCoordinator, Deployed.Now);
        foreach (var status in new[] { DeploymentStatus.Departed, DeploymentStatus.ArrivedOnSite, DeploymentStatus.Demobilising, DeploymentStatus.Returned })
        {
            if (deployment.State.Status == until)
            {
                break;
            }
            deployment.Report(status, FrenchCoordinator, Deployed.Now.AddHours(1), expectedArrival: status == DeploymentStatus.Departed ? Deployed.Now.AddHours(5) : null);
        }
        return (request.State, deployment.State);
    }

    private static CostClaim Submitted(params ClaimLineDraft[] lines)
    {
        var (request, deployment) = Home();
        return CostClaim.Submit(request, deployment, lines.Length == 0 ? [Personnel, Flight, Fuel] : lines, FrenchCoordinator, Now);
    }

    private static LineVerdict Approve(int line) => new(line, LineDecision.Approve, null, null);

    [Fact]
    public void A_claim_submitted_once_the_teams_are_home_records_its_lines_and_a_timeline_line_for_both_parties()
    {
        var claim = Submitted();

        Assert.Equal((ClaimStatus.Submitted, 1, France, Given.Requesting), (claim.State.Status, claim.State.Version, claim.State.AuthorityId, claim.State.RequestingAuthorityId));
        Assert.All(claim.State.Lines, l => Assert.Equal(LineReviewStatus.Pending, l.Review.Status));
        var line = Assert.Single(claim.Events);
        Assert.Equal((AuditActions.CostClaimSubmitted, France), (line.Action, line.AuthorityId));
        Assert.Equal("3 line(s): 60250.50 EUR + 12400.25 MAD", line.Comment);
    }

    [Theory]
    [InlineData(DeploymentStatus.Mobilising)]
    [InlineData(DeploymentStatus.ArrivedOnSite)]
    [InlineData(DeploymentStatus.Demobilising)]
    public void A_claim_before_the_teams_returned_is_refused(DeploymentStatus status)
    {
        var (request, deployment) = Home(until: status);

        Assert.Equal(status, deployment.Status);
        Assert.Throws<TransitionRefusedException>(() => CostClaim.Submit(request, deployment, [Personnel], FrenchCoordinator, Now));
        Assert.Throws<TransitionRefusedException>(() => CostClaim.Submit(request, null, [Personnel], FrenchCoordinator, Now));
    }

    [Fact]
    public void Amounts_are_positive_in_an_active_currency_with_its_minor_units_and_only_transport_may_be_co_financed()
    {
        Assert.Null(CostAmounts.AmountProblem(1500m, "JPY"));
        Assert.NotNull(CostAmounts.AmountProblem(1500.5m, "JPY"));
        Assert.Null(CostAmounts.AmountProblem(12.345m, "TND"));
        Assert.NotNull(CostAmounts.AmountProblem(12.345m, "EUR"));
        Assert.NotNull(CostAmounts.AmountProblem(0m, "EUR"));
        Assert.NotNull(CostAmounts.AmountProblem(-3m, "EUR"));
        Assert.Null(CostAmounts.CurrencyProblem("MAD"));
        Assert.NotNull(CostAmounts.CurrencyProblem("ABC"));
        Assert.NotNull(CostAmounts.CurrencyProblem("eur"));
        Assert.NotNull(CostAmounts.CurrencyProblem("HRK"));
        Assert.Equal((2, 0, 3), (Iso4217.MinorUnits("EUR"), Iso4217.MinorUnits("XOF"), Iso4217.MinorUnits("KWD")));

        var (request, deployment) = Home();
        Assert.Throws<TransitionRefusedException>(() =>
            CostClaim.Submit(request, deployment, [Personnel with { EuMayCoFinance = true }], FrenchCoordinator, Now));
        Assert.Throws<TransitionRefusedException>(() => CostClaim.Submit(request, deployment, [Personnel with { Amount = 1.001m }], FrenchCoordinator, Now));
        Assert.Throws<TransitionRefusedException>(() => CostClaim.Submit(request, deployment, [], FrenchCoordinator, Now));
    }

    [Fact]
    public void Approving_every_line_in_full_or_in_part_approves_the_claim_and_a_dispute_keeps_it_under_review()
    {
        var claim = Submitted();

        claim.Review([Approve(0), new LineVerdict(1, LineDecision.PartlyApprove, 15_000m, "Tarif de référence du mécanisme")], Given.RequestingApprover, Now);
        Assert.Equal((ClaimStatus.UnderReview, 2), (claim.State.Status, claim.State.Version));

        claim.Review([new LineVerdict(2, LineDecision.Dispute, null, "Pas de justificatif")], Given.RequestingApprover, Now);
        Assert.Equal(ClaimStatus.UnderReview, claim.State.Status);
        Assert.Equal([LineReviewStatus.Approved, LineReviewStatus.PartlyApproved, LineReviewStatus.Disputed], claim.State.Lines.Select(l => l.Review.Status));
        Assert.Equal("line 3 disputed: Pas de justificatif", claim.Events[^1].Comment);

        // A line already decided is not decided again.
        Assert.Throws<TransitionRefusedException>(() => claim.Review([new LineVerdict(0, LineDecision.Dispute, null, "?")], Given.RequestingApprover, Now));
        Assert.Throws<TransitionRefusedException>(() => claim.MarkPaid(Given.RequestingApprover, Now, null));
    }

    [Fact]
    public void A_partial_approval_is_below_the_claimed_amount_and_a_partial_approval_or_a_dispute_gives_its_reason()
    {
        var claim = Submitted();

        Assert.Throws<TransitionRefusedException>(() => claim.Review([new LineVerdict(1, LineDecision.PartlyApprove, 18_250m, "trop")], Given.RequestingApprover, Now));
        Assert.Throws<TransitionRefusedException>(() => claim.Review([new LineVerdict(1, LineDecision.PartlyApprove, 100m, null)], Given.RequestingApprover, Now));
        Assert.Throws<TransitionRefusedException>(() => claim.Review([new LineVerdict(1, LineDecision.Dispute, null, " ")], Given.RequestingApprover, Now));
        Assert.Throws<TransitionRefusedException>(() => claim.Review([Approve(3)], Given.RequestingApprover, Now));
        Assert.Equal(1, claim.State.Version);
    }

    [Fact]
    public void Only_a_disputed_line_is_revised_and_it_goes_back_to_review_until_approved_then_paid()
    {
        var claim = Submitted();
        claim.Review([Approve(0), Approve(1), new LineVerdict(2, LineDecision.Dispute, null, "Pas de justificatif")], Given.RequestingApprover, Now);

        // The approved lines cannot change; the disputed one can, and sending it unchanged is no revision.
        Assert.Throws<TransitionRefusedException>(() => claim.Revise([Personnel with { Amount = 50_000m }, Flight, Fuel], FrenchCoordinator, Now));
        Assert.Throws<TransitionRefusedException>(() => claim.Revise([Personnel, Flight, Fuel], FrenchCoordinator, Now));
        Assert.Throws<TransitionRefusedException>(() => claim.Revise([Personnel, Flight], FrenchCoordinator, Now));

        claim.Revise([Personnel, Flight, Fuel with { Amount = 9_800m, Description = "Carburant des pompes (factures jointes)" }], FrenchCoordinator, Now);
        var revised = claim.State.Lines[2];
        Assert.Equal((LineReviewStatus.Pending, 1, 9_800m), (revised.Review.Status, revised.Revision, revised.Amount));
        Assert.Equal(AuditActions.CostClaimRevised, claim.Events[^1].Action);

        claim.Review([Approve(2)], Given.RequestingApprover, Now);
        Assert.Equal(ClaimStatus.Approved, claim.State.Status);
        Assert.Equal(AuditActions.CostClaimApproved, claim.Events[^1].Action);
        Assert.Throws<TransitionRefusedException>(() => claim.Revise([Personnel, Flight, Fuel], FrenchCoordinator, Now));

        claim.MarkPaid(Given.RequestingApprover, Now, "VIR-2025-118");
        Assert.Equal((ClaimStatus.Paid, "VIR-2025-118"), (claim.State.Status, claim.State.Payment!.Reference));
        Assert.Throws<TransitionRefusedException>(() => claim.MarkPaid(Given.RequestingApprover, Now, null));
        Assert.Throws<TransitionRefusedException>(() => claim.Review([Approve(0)], Given.RequestingApprover, Now));
    }

    [Fact]
    public void Totals_stand_side_by_side_per_currency_and_are_never_added_across_currencies()
    {
        var paid = Submitted();
        paid.Review([Approve(0), new LineVerdict(1, LineDecision.PartlyApprove, 15_000m, "Tarif"), Approve(2)], Given.RequestingApprover, Now);
        paid.MarkPaid(Given.RequestingApprover, Now, null);
        var open = Submitted(Fuel with { Amount = 100m }, new ClaimLineDraft(CostCategory.Subsistence, "Repas", 3_000m, "JPY", false));

        var totals = ClaimTotals.Of([paid.State, open.State]);

        Assert.Equal(
            [new CurrencyTotal("EUR", 60_250.50m, 57_000.50m, 57_000.50m), new CurrencyTotal("JPY", 3_000m, 0m, 0m), new CurrencyTotal("MAD", 12_500.25m, 12_400.25m, 12_400.25m)],
            totals);
    }
}
