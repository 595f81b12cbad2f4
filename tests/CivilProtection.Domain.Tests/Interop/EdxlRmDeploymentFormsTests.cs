using System.Xml.Linq;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Interop;
using CivilProtection.Domain.Tests.Deployments;
using static CivilProtection.Application.Interop.EdxlRmNames;

namespace CivilProtection.Domain.Tests.Interop;

/// <summary>A ReportResourceDeploymentStatus reads back into the page's status report form, by our value list or by the standard's schedule words.</summary>
public sealed class EdxlRmDeploymentFormsTests
{
    [Fact]
    public void A_status_report_the_export_writes_reads_back_as_the_same_status_position_and_estimated_arrival()
    {
        var reports = Reports();

        var departed = EdxlRmDeploymentForms.ReportOf(reports[1]);
        var arrived = EdxlRmDeploymentForms.ReportOf(reports[2]);

        Assert.Equal(("departed", Deployed.Now.AddHours(5)), (departed.Status, departed.ExpectedArrival));
        Assert.Equal(("arrived-on-site", 34.25, -5.7), (arrived.Status, arrived.Latitude, arrived.Longitude));
    }

    [Fact]
    public void Without_our_value_list_the_status_is_the_latest_of_the_standard_s_schedule_words()
    {
        var message = Reports()[3];
        message.Descendants(Msg + "ResourceStatus").Remove();

        Assert.Equal("demobilising", EdxlRmDeploymentForms.ReportOf(message).Status);
    }

    [Fact]
    public void Resources_that_disagree_on_the_status_are_refused_naming_the_element()
    {
        var message = Reports()[1];
        var second = new XElement(message.Elements(Msg + "ResourceInformation").First());
        second.Descendants(Msg + "DeploymentStatus").Single().Element(Rm + "Value")!.Value = "operating";
        message.Add(second);

        var refused = Assert.Throws<FormRejectedException>(() => EdxlRmDeploymentForms.ReportOf(message));

        Assert.Equal(["ReportResourceDeploymentStatus/ResourceInformation/Resource/ResourceStatus/DeploymentStatus"], refused.Errors.Keys);
    }

    private static List<XElement> Reports() =>
        EdxlRmMessagesTests.WholeExchange().Where(m => m.Name.LocalName == nameof(EdxlRmMessageKind.ReportResourceDeploymentStatus)).ToList();
}
