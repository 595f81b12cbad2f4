using CivilProtection.Domain.Deployments;
using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;
using CivilProtection.Domain.Tests.Requests;
using static CivilProtection.Domain.Tests.Offers.Exchange;

namespace CivilProtection.Domain.Tests.Deployments;

/// <summary>A partner's commitments deployed: mobilising to returned, each report checked and on the timeline.</summary>
public sealed class DeploymentTests
{
    private static readonly DateTimeOffset Now = Deployed.Now;

    private static Deployment Mobilised() => Deployed.Mobilised();

    [Fact]
    public void An_accepted_offer_mobilises_and_records_who_and_when_on_the_timeline()
    {
        var deployment = Mobilised();

        Assert.Equal(DeploymentStatus.Mobilising, deployment.State.Status);
        Assert.Equal(8, deployment.State.People);
        var line = Assert.Single(deployment.Events);
        Assert.Equal((AuditActions.DeploymentReported, FrenchCoordinator.UserId, France, "mobilising"), (line.Action, line.ActorId, line.AuthorityId, line.Comment));
    }

    [Fact]
    public void An_authority_without_an_accepted_offer_has_nothing_to_deploy()
    {
        var (request, _) = WithSentOffer(France, Line(0, 2));

        Assert.Throws<TransitionRefusedException>(() => Deployment.Mobilise(request.State, France, 8, FrenchCoordinator, Now));
        Assert.Throws<TransitionRefusedException>(() => Deployment.Mobilise(request.State, Spain, 8, SpanishCoordinator, Now));
    }

    [Fact]
    public void The_whole_way_from_departure_to_return_is_reported_with_place_comment_and_estimated_arrival()
    {
        var deployment = Mobilised();
        var eta = Now.AddHours(5);
        var site = new GeoPosition(34.02, -6.84);

        deployment.Report(DeploymentStatus.Departed, FrenchCoordinator, Now.AddMinutes(30), comment: "convoy left Lyon", expectedArrival: eta);
        deployment.Report(DeploymentStatus.ArrivedOnSite, FrenchCoordinator, Now.AddHours(5), site);
        deployment.Report(DeploymentStatus.Operating, FrenchCoordinator, Now.AddHours(6), site);
        deployment.Report(DeploymentStatus.Demobilising, FrenchCoordinator, Now.AddDays(3));
        deployment.Report(DeploymentStatus.Returned, FrenchCoordinator, Now.AddDays(4), comment: "home");

        Assert.Equal(DeploymentStatus.Returned, deployment.State.Status);
        Assert.Equal(eta, deployment.State.ExpectedArrival);
        Assert.Equal(
            [DeploymentStatus.Mobilising, DeploymentStatus.Departed, DeploymentStatus.ArrivedOnSite, DeploymentStatus.Operating, DeploymentStatus.Demobilising, DeploymentStatus.Returned],
            deployment.State.Reports.Select(r => r.Status));
        Assert.Equal(site, deployment.State.Reports[2].Where);
        Assert.Equal(["mobilising", "departed: convoy left Lyon", "arrived-on-site", "operating", "demobilising", "returned: home"], deployment.Events.Select(e => e.Comment));
    }

    [Theory]
    [InlineData(DeploymentStatus.ArrivedOnSite)]
    [InlineData(DeploymentStatus.Operating)]
    [InlineData(DeploymentStatus.Returned)]
    [InlineData(DeploymentStatus.Mobilising)]
    public void A_status_not_following_the_current_one_is_refused_and_changes_nothing(DeploymentStatus status)
    {
        var deployment = Mobilised();

        Assert.Throws<TransitionRefusedException>(() => deployment.Report(status, FrenchCoordinator, Now));

        Assert.Equal(DeploymentStatus.Mobilising, deployment.State.Status);
        Assert.Single(deployment.State.Reports);
    }

    [Fact]
    public void Nothing_follows_the_return()
    {
        var deployment = Mobilised();
        deployment.Report(DeploymentStatus.Departed, FrenchCoordinator, Now, expectedArrival: Now.AddHours(1));
        deployment.Report(DeploymentStatus.ArrivedOnSite, FrenchCoordinator, Now.AddHours(1));
        deployment.Report(DeploymentStatus.Demobilising, FrenchCoordinator, Now.AddHours(2));
        deployment.Report(DeploymentStatus.Returned, FrenchCoordinator, Now.AddHours(3));

        Assert.All(Enum.GetValues<DeploymentStatus>(), status => Assert.False(Deployment.CanMove(DeploymentStatus.Returned, status)));
        Assert.Throws<TransitionRefusedException>(() => deployment.Report(DeploymentStatus.Departed, FrenchCoordinator, Now.AddHours(4), expectedArrival: Now.AddHours(5)));
    }

    [Fact]
    public void A_departure_gives_an_estimated_arrival_not_in_the_past_and_no_other_report_gives_one()
    {
        var deployment = Mobilised();

        Assert.Throws<TransitionRefusedException>(() => deployment.Report(DeploymentStatus.Departed, FrenchCoordinator, Now));
        Assert.Throws<TransitionRefusedException>(() => deployment.Report(DeploymentStatus.Departed, FrenchCoordinator, Now, expectedArrival: Now.AddMinutes(-1)));
        deployment.Report(DeploymentStatus.Departed, FrenchCoordinator, Now, expectedArrival: Now.AddHours(2));
        Assert.Throws<TransitionRefusedException>(() => deployment.Report(DeploymentStatus.ArrivedOnSite, FrenchCoordinator, Now.AddHours(2), expectedArrival: Now.AddHours(3)));
        Assert.Equal(DeploymentStatus.Departed, deployment.State.Status);
    }

    [Fact]
    public void An_arrival_is_overdue_once_the_grace_after_the_estimate_passed_without_an_arrival_report()
    {
        var deployment = Mobilised();
        var eta = Now.AddHours(2);
        var grace = TimeSpan.FromHours(1);
        Assert.False(deployment.IsArrivalOverdue(eta + grace, grace));

        deployment.Report(DeploymentStatus.Departed, FrenchCoordinator, Now, expectedArrival: eta);

        Assert.False(deployment.IsArrivalOverdue(eta + grace - TimeSpan.FromSeconds(1), grace));
        Assert.True(deployment.IsArrivalOverdue(eta + grace, grace));
        deployment.Report(DeploymentStatus.ArrivedOnSite, FrenchCoordinator, eta);
        Assert.False(deployment.IsArrivalOverdue(eta + grace, grace));
    }

    [Fact]
    public void A_position_needs_both_coordinates_each_in_range_and_every_bad_one_is_named()
    {
        Assert.Empty(GeoPosition.Problems(null, null));
        Assert.Empty(GeoPosition.Problems(-90, 180));
        Assert.Equal(["longitude"], GeoPosition.Problems(12, null).Keys);
        Assert.Equal(["latitude"], GeoPosition.Problems(null, 12).Keys);
        Assert.Equal(["latitude", "longitude"], GeoPosition.Problems(90.5, -181).Keys.Order());
        Assert.Equal(["latitude"], GeoPosition.Problems(double.NaN, 0).Keys);
    }

    [Fact]
    public void Every_status_has_a_wire_name_that_reads_back()
    {
        Assert.All(Enum.GetValues<DeploymentStatus>(), status =>
        {
            Assert.True(WireNames.TryParse(WireNames.Of(status), out DeploymentStatus read));
            Assert.Equal(status, read);
        });
        Assert.Equal("arrived-on-site", WireNames.Of(DeploymentStatus.ArrivedOnSite));
        Assert.False(WireNames.TryParse<DeploymentStatus>("arrived", out _));
    }
}
