using CivilProtection.Domain.Deployments;
using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;
using CivilProtection.Domain.Tests.Requests;
using static CivilProtection.Domain.Tests.Offers.Exchange;

namespace CivilProtection.Domain.Tests.Deployments;

/// <summary>The requester's side of a deployment: an extension decided stage by stage, and the release of the teams.</summary>
public sealed class DeploymentExtensionTests
{
    private static readonly DateTimeOffset Now = Deployed.Now;
    private static readonly ExtensionStage[] TwoStages = [new("offer-approval", "offers"), new("director", "direction")];

    private static Deployment Mobilised() => Deployed.Mobilised();

    [Fact]
    public void The_planned_end_is_the_latest_end_of_the_accepted_lines_terms()
    {
        var (request, offerId) = WithSentOffer(France, Line(0, 2));
        request.DecideOffer(offerId, [new LineAcceptance(0, 2)], Given.DutyOfficer, Given.LaterStill, reason: null);
        var line = request.State.Offers.Single().Lines.Single();

        var deployment = Deployment.Mobilise(request.State, France, 8, FrenchCoordinator, Now);

        Assert.Equal(line.EarliestArrival.AddDays(line.DurationDays), deployment.State.PlannedEnd);
        Assert.Equal(1, deployment.State.Version);
    }

    [Fact]
    public void An_extension_moves_the_planned_end_once_every_stage_of_the_assisting_side_approved_it()
    {
        var deployment = Mobilised();
        var until = deployment.State.PlannedEnd!.Value.AddDays(10);

        deployment.AskExtension(until, "Water still rising", TwoStages, Given.DutyOfficer, Now);
        Assert.Equal(ExtensionStatus.Pending, deployment.State.PendingExtension!.Status);
        deployment.DecideExtension(approve: true, null, FrenchCoordinator, Now.AddHours(1));
        Assert.Equal(1, deployment.State.PendingExtension!.CurrentStageIndex);
        Assert.NotEqual(until, deployment.State.PlannedEnd);
        deployment.DecideExtension(approve: true, "Agreed", FrenchCoordinator, Now.AddHours(2));

        Assert.Null(deployment.State.PendingExtension);
        Assert.Equal(until, deployment.State.PlannedEnd);
        Assert.Equal(ExtensionStatus.Approved, deployment.State.Extensions.Single().Status);
        Assert.Equal(4, deployment.State.Version);
        Assert.Equal(
            [AuditActions.DeploymentReported, AuditActions.DeploymentExtensionAsked, AuditActions.DeploymentExtensionStageApproved, AuditActions.DeploymentExtended],
            deployment.Events.Select(e => e.Action));
    }

    [Fact]
    public void A_refusal_at_any_stage_declines_the_extension_and_another_may_be_asked()
    {
        var deployment = Mobilised();
        var end = deployment.State.PlannedEnd!.Value;

        deployment.AskExtension(end.AddDays(3), "More pumping", TwoStages, Given.DutyOfficer, Now);
        deployment.DecideExtension(approve: false, "Needed at home", FrenchCoordinator, Now.AddHours(1));

        Assert.Equal(end, deployment.State.PlannedEnd);
        Assert.Equal(ExtensionStatus.Declined, deployment.State.Extensions[^1].Status);
        deployment.AskExtension(end.AddDays(2), "Two days only", TwoStages, Given.DutyOfficer, Now.AddHours(2));
        Assert.Equal(2, deployment.State.Extensions.Count);
    }

    [Fact]
    public void An_extension_must_end_later_one_at_a_time_and_not_once_the_teams_go_home()
    {
        var deployment = Mobilised();
        var end = deployment.State.PlannedEnd!.Value;

        Assert.Throws<TransitionRefusedException>(() => deployment.AskExtension(end, "Same day", TwoStages, Given.DutyOfficer, Now));
        Assert.Throws<TransitionRefusedException>(() => deployment.DecideExtension(true, null, FrenchCoordinator, Now));
        deployment.AskExtension(end.AddDays(1), "One more day", TwoStages, Given.DutyOfficer, Now);
        Assert.Throws<TransitionRefusedException>(() => deployment.AskExtension(end.AddDays(2), "And another", TwoStages, Given.DutyOfficer, Now));

        var home = Mobilised();
        home.Report(DeploymentStatus.Departed, FrenchCoordinator, Now, expectedArrival: Now.AddHours(2));
        home.Report(DeploymentStatus.ArrivedOnSite, FrenchCoordinator, Now.AddHours(2));
        home.Report(DeploymentStatus.Demobilising, FrenchCoordinator, Now.AddHours(3));
        Assert.Throws<TransitionRefusedException>(() => home.AskExtension(end.AddDays(1), "Too late", TwoStages, Given.DutyOfficer, Now.AddHours(4)));
        Assert.Throws<TransitionRefusedException>(() => home.Release(Given.DutyOfficer, Now.AddHours(4), null));
    }

    [Fact]
    public void A_release_is_recorded_once_and_lets_a_pending_extension_go()
    {
        var deployment = Mobilised();
        deployment.AskExtension(deployment.State.PlannedEnd!.Value.AddDays(1), "Maybe", TwoStages, Given.DutyOfficer, Now);

        deployment.Release(Given.DutyOfficer, Now.AddHours(1), "Water receding");

        Assert.Equal(new DeploymentRelease(Given.DutyOfficer.UserId, Given.DutyOfficer.DisplayName, Now.AddHours(1), "Water receding"), deployment.State.Release);
        Assert.Null(deployment.State.PendingExtension);
        Assert.Throws<TransitionRefusedException>(() => deployment.Release(Given.DutyOfficer, Now.AddHours(2), null));
        Assert.Equal(AuditActions.DeploymentReleased, deployment.Events[^1].Action);
    }
}
