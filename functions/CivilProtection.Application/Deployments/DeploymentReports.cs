using CivilProtection.Application.Forms;
using CivilProtection.Domain.Deployments;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Deployments;

/// <summary>A status report as checked: the status, where (optional), a comment, and for a departure the estimated arrival.</summary>
public sealed record DeploymentReport(DeploymentStatus Status, GeoPosition? Where, string? Comment, DateTimeOffset? ExpectedArrival);

/// <summary>Checks a status report from the page, naming every bad field.</summary>
public static class DeploymentReports
{
    public static DeploymentReport Validate(StatusReportForm form, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new FieldErrors();
        if (!WireNames.TryParse(form.Status, out DeploymentStatus status))
        {
            errors.Add("status", "Say departed, arrived-on-site, operating, demobilising or returned.");
        }
        var comment = string.IsNullOrWhiteSpace(form.Comment) ? null : form.Comment.Trim();
        if (comment?.Length > DeploymentDesk.MaxComment)
        {
            errors.Add("comment", $"At most {DeploymentDesk.MaxComment} characters.");
        }
        foreach (var (field, message) in GeoPosition.Problems(form.Latitude, form.Longitude))
        {
            errors.Add(field, message);
        }
        if (status == DeploymentStatus.Departed && form.ExpectedArrival is null)
        {
            errors.Add("expectedArrival", "A departure gives its estimated arrival.");
        }
        else if (form.ExpectedArrival is { } eta && status != DeploymentStatus.Departed)
        {
            errors.Add("expectedArrival", "Only a departure gives an estimated arrival.");
        }
        else if (form.ExpectedArrival < now)
        {
            errors.Add("expectedArrival", "The estimated arrival cannot be in the past.");
        }
        if (errors.Any)
        {
            throw new FormRejectedException(errors);
        }
        var where = form.Latitude is { } lat && form.Longitude is { } lon ? new GeoPosition(lat, lon) : null;
        return new DeploymentReport(status, where, comment, form.ExpectedArrival);
    }
}
