using System.Globalization;
using CivilProtection.Application.Deployments;

namespace CivilProtection.Application.Exports;

/// <summary>An authority's deployments board as CSV (<see cref="CsvFile"/>): one line per deployment, its last known position in decimal degrees.</summary>
public static class DeploymentsCsv
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "requestId", "reference", "authorityId", "requestingAuthorityId", "people", "status", "since", "expectedArrival", "arrivalOverdue",
        "plannedEnd", "latitude", "longitude",
    ];

    public static string Write(IEnumerable<DeploymentView> deployments)
    {
        ArgumentNullException.ThrowIfNull(deployments);
        return CsvFile.Write(Columns, deployments.Select(d => (IReadOnlyList<string>)
        [
            d.RequestId, d.Reference, d.AuthorityId, d.RequestingAuthorityId, d.People.ToString(CultureInfo.InvariantCulture), d.Status,
            CsvFile.Time(d.Since), d.ExpectedArrival is { } eta ? CsvFile.Time(eta) : "", d.ArrivalOverdue ? "true" : "false",
            d.PlannedEnd is { } end ? CsvFile.Time(end) : "",
            d.LastKnownPosition?.Latitude.ToString(CultureInfo.InvariantCulture) ?? "", d.LastKnownPosition?.Longitude.ToString(CultureInfo.InvariantCulture) ?? "",
        ]));
    }
}
