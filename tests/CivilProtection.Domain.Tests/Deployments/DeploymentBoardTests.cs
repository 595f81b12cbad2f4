using CivilProtection.Domain.Deployments;

namespace CivilProtection.Domain.Tests.Deployments;

/// <summary>The board: who is where since when, and how many people each authority has away.</summary>
public sealed class DeploymentBoardTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly GeoPosition Site = new(34.02, -6.84);

    private static DeploymentState Deployed(string requestId, string authorityId, int people, params StatusReport[] reports) =>
        new(requestId, authorityId, people, reports[^1].Status, reports.LastOrDefault(r => r.ExpectedArrival is not null)?.ExpectedArrival, reports);

    private static StatusReport Report(DeploymentStatus status, int hours, GeoPosition? where = null, DateTimeOffset? eta = null) =>
        new(status, Start.AddHours(hours), "leader", "Team leader", where, null, eta);

    [Fact]
    public void Each_line_says_since_when_the_last_known_place_and_the_arrival_expected_while_on_the_way()
    {
        var eta = Start.AddHours(6);
        var board = DeploymentBoard.Of([
            Deployed("R2", "FR", 8, Report(DeploymentStatus.Mobilising, 0), Report(DeploymentStatus.Departed, 1, eta: eta)),
            Deployed("R1", "ES", 4, Report(DeploymentStatus.Mobilising, 0), Report(DeploymentStatus.Departed, 1, eta: eta),
                Report(DeploymentStatus.ArrivedOnSite, 5, Site), Report(DeploymentStatus.Operating, 7)),
        ]);

        Assert.Equal(
            [
                new BoardLine("R1", "ES", 4, DeploymentStatus.Operating, Start.AddHours(7), Site, null),
                new BoardLine("R2", "FR", 8, DeploymentStatus.Departed, Start.AddHours(1), null, eta),
            ],
            board);
    }

    [Fact]
    public void People_away_count_from_departure_until_return_per_authority()
    {
        var away = DeploymentBoard.PeopleAway([
            Deployed("R1", "FR", 8, Report(DeploymentStatus.Mobilising, 0), Report(DeploymentStatus.Departed, 1, eta: Start.AddHours(2))),
            Deployed("R2", "FR", 3, Report(DeploymentStatus.Mobilising, 0), Report(DeploymentStatus.Departed, 1, eta: Start.AddHours(2)),
                Report(DeploymentStatus.ArrivedOnSite, 2), Report(DeploymentStatus.Demobilising, 3)),
            Deployed("R3", "FR", 5, Report(DeploymentStatus.Mobilising, 0)),
            Deployed("R1", "ES", 6, Report(DeploymentStatus.Mobilising, 0), Report(DeploymentStatus.Departed, 1, eta: Start.AddHours(2)),
                Report(DeploymentStatus.ArrivedOnSite, 2), Report(DeploymentStatus.Demobilising, 3), Report(DeploymentStatus.Returned, 4)),
        ]);

        Assert.Equal(new Dictionary<string, int> { ["FR"] = 11 }, away);
    }
}
