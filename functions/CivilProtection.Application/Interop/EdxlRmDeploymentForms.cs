using System.Xml.Linq;
using CivilProtection.Application.Deployments;
using CivilProtection.Application.Forms;
using CivilProtection.Domain.Deployments;
using static CivilProtection.Application.Interop.EdxlRmNames;
using CivilProtection.Application.Problems;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Interop;

/// <summary>
/// Reads a schema-valid ReportResourceDeploymentStatus into the status report form of the page, so that it passes the
/// page's checks; a field error comes back under the element the field was read from (<see cref="ElementOf"/>).
/// </summary>
public static class EdxlRmDeploymentForms
{
    private const string StatusElement = "ResourceInformation/Resource/ResourceStatus/DeploymentStatus";

    /// <summary>
    /// The status from our value list on the resources (all of them say the same), else from the standard's schedule
    /// word for what happened (ActualDeparture…); the position from the Current schedule; the estimated arrival.
    /// </summary>
    public static StatusReportForm ReportOf(XElement message)
    {
        var resources = message.Elements(Msg + "ResourceInformation").ToList();
        var schedules = resources.SelectMany(r => r.Elements(Msg + "ScheduleInformation")).ToList();
        var listed = resources
            .Select(r => r.Element(Msg + "Resource")?.Element(Msg + "ResourceStatus")?.Element(Msg + "DeploymentStatus"))
            .Where(s => EdxlRmForms.Text(s?.Element(Rm + "ValueListURN")) == EdxlRmValueLists.DeploymentStatus)
            .Select(s => EdxlRmForms.Text(s!.Element(Rm + "Value")))
            .Distinct()
            .ToList();
        if (listed.Count > 1)
        {
            throw new FormRejectedException($"{message.Name.LocalName}/{StatusElement}", FieldError.NotAllowedHere);
        }
        var happened = Enum.GetValues<DeploymentStatus>()
            .Where(s => EdxlRmDeploymentWriter.HappenedScheduleOf(s) is { } type && schedules.Any(x => EdxlRmForms.Text(x.Element(Msg + "ScheduleType")) == type))
            .Select(WireNames.Of)
            .LastOrDefault();
        var position = EdxlRmForms.CoordinatesOf(schedules
            .FirstOrDefault(x => EdxlRmForms.Text(x.Element(Msg + "ScheduleType")) == "Current")
            ?.Element(Msg + "Location")?.Element(Rm + "TargetArea")?.Element(Gml + "Point")?.Element(Gml + "pos"));
        return new StatusReportForm
        {
            Status = listed.SingleOrDefault() ?? happened,
            Comment = EdxlRmForms.Text(message.Element(Msg + "MessageDescription")),
            Latitude = position?.Latitude,
            Longitude = position?.Longitude,
            ExpectedArrival = EdxlRmForms.DateOf(EdxlRmForms.ScheduleOf(schedules, "EstimatedArrival")),
        };
    }

    /// <summary>The element a field of a status report or release was read from.</summary>
    public static string ElementOf(string field) => field switch
    {
        "status" => StatusElement,
        "comment" => "MessageDescription",
        "latitude" or "longitude" => "ResourceInformation/ScheduleInformation[Current]/Location/TargetArea/Point/pos",
        "expectedArrival" => "ResourceInformation/ScheduleInformation[EstimatedArrival]/DateTime",
        _ => field,
    };
}
