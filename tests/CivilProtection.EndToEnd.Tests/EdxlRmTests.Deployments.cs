using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using CivilProtection.Application.Interop;
using static CivilProtection.EndToEnd.Tests.DeploymentSteps;
using static CivilProtection.EndToEnd.Tests.ExchangeParties;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// Deployments as EDXL-RM: status reports, the return of teams taken home unreleased and the requester's release are
/// exported (valid, each reader seeing only the deployments it sees); a partner's system reports its status and the
/// requester's releases, each message once and only from the side whose act it is.
/// </summary>
public abstract partial class EdxlRmTests<THost>
{
    private static readonly XNamespace Rm = EdxlRmNames.Rm;

    [Fact]
    public async Task The_deployments_are_exported_as_status_reports_a_return_and_a_release_that_validate_each_reader_seeing_its_own()
    {
        var (id, _) = await OpenToAsync(fixture.Host, Spain, Portugal);
        await CommitOneModuleAsync(fixture.Host, id, Spain, "es-coordinator", "es-approver");
        await CommitOneModuleAsync(fixture.Host, id, Portugal, "pt-coordinator", approver: null);
        var eta = DateTimeOffset.UtcNow.AddHours(3);
        await ReportOkAsync("es-coordinator", id, Spain, new JsonObject { ["status"] = "departed", ["expectedArrival"] = eta.ToString("O"), ["comment"] = "Convoi de 2 camions" });
        await ReportOkAsync("es-coordinator", id, Spain, new JsonObject { ["status"] = "arrived-on-site", ["latitude"] = 34.25, ["longitude"] = -5.7 });
        // Spain takes its module home before Morocco released it: a RequestReturn. Morocco releases Portugal's.
        await ReportOkAsync("es-coordinator", id, Spain, new JsonObject { ["status"] = "demobilising", ["comment"] = "Rappelé pour un feu en Andalousie" });
        using (var released = await ActAsync(fixture.Host, "ma-duty", id, Portugal, "release", new JsonObject { ["comment"] = "Décrue confirmée" }))
        {
            await Api.ExpectAsync(released, HttpStatusCode.OK);
        }

        var asRequester = await ExportAsync(fixture.As("ma-duty"), id);

        var problems = Schemas.Value.Validate(asRequester);
        Assert.True(problems.Count == 0, string.Join("; ", problems.Select(p => $"{p.Element} line {p.Line}: {p.Message}")));
        var spain = DeploymentMessages(asRequester, Spain);
        Assert.Equal(["mobilising", "departed", "arrived-on-site", "demobilising"],
            spain.Where(m => m.Name.LocalName == "ReportResourceDeploymentStatus").Select(StatusOf));
        var departed = spain.Single(m => StatusOf(m) == "departed");
        Assert.Equal("Convoi de 2 camions", (string)departed.Element(Msg + "MessageDescription")!);
        Assert.Equal(eta, DateTimeOffset.Parse(ScheduleOf(departed, "EstimatedArrival")!.Element(Msg + "DateTime")!.Value, CultureInfo.InvariantCulture));
        Assert.NotNull(ScheduleOf(departed, "ActualDeparture"));
        var arrived = spain.Single(m => StatusOf(m) == "arrived-on-site");
        Assert.NotNull(ScheduleOf(arrived, "ActualArrival"));
        Assert.Equal("34.25 -5.7", ScheduleOf(arrived, "Current")!.Descendants(EdxlRmNames.Gml + "pos").Single().Value);
        var taken = Assert.Single(spain, m => m.Name.LocalName == "RequestReturn");
        Assert.Equal("Rappelé pour un feu en Andalousie", (string)taken.Element(Msg + "MessageDescription")!);
        var release = Assert.Single(asRequester.Root!.Elements(Msg + "ReleaseResource"));
        Assert.Equal(("Décrue confirmée", Morocco), ((string)release.Element(Msg + "MessageDescription")!, AuthorityOf(release)));
        Assert.Equal(await CommitMessageIdAsync(id, Portugal), (string)release.Element(Msg + "PrecedingMessageID")!);

        // Each assisting authority sees its own deployment, never the other's.
        var asSpain = await ExportAsync(fixture.As("es-coordinator"), id);
        Assert.Equal(4, DeploymentMessages(asSpain, Spain).Count(m => m.Name.LocalName == "ReportResourceDeploymentStatus"));
        Assert.Empty(DeploymentMessages(asSpain, Portugal));
        Assert.Empty(asSpain.Root!.Elements(Msg + "ReleaseResource"));
        var asPortugal = await ExportAsync(fixture.As("pt-coordinator"), id);
        Assert.Empty(DeploymentMessages(asPortugal, Spain));
        Assert.Single(asPortugal.Root!.Elements(Msg + "ReleaseResource"));
    }

    [Fact]
    public async Task A_partner_system_reports_its_status_and_the_requester_system_releases_each_message_once_and_only_from_its_own_side()
    {
        var (id, _) = await OpenToAsync(fixture.Host, Portugal);
        await CommitOneModuleAsync(fixture.Host, id, Portugal, "pt-coordinator", approver: null);
        var commit = await CommitMessageIdAsync(id, Portugal);
        var eta = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(5).ToUnixTimeSeconds());
        // Portugal's system knows only the standard's words: the departure is its ActualDeparture.
        var departureId = $"urn:pt-anepc:status:{Guid.NewGuid():N}";
        var departure = StatusReport(departureId, id, commit, status: null, "Coluna a caminho",
            $"<ScheduleInformation><ScheduleType>ActualDeparture</ScheduleType><DateTime>{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}</DateTime></ScheduleInformation>"
            + $"<ScheduleInformation><ScheduleType>EstimatedArrival</ScheduleType><DateTime>{eta:yyyy-MM-ddTHH:mm:ssZ}</DateTime></ScheduleInformation>");

        // Our rules name the element a refused field came from: an arrival in the past.
        using (var past = await PostXmlAsync(fixture.As("pt-coordinator"), StatusReport($"urn:pt-anepc:status:{Guid.NewGuid():N}", id, commit, "departed", null,
            $"<ScheduleInformation><ScheduleType>EstimatedArrival</ScheduleType><DateTime>{DateTimeOffset.UtcNow.AddHours(-1):yyyy-MM-ddTHH:mm:ssZ}</DateTime></ScheduleInformation>")))
        {
            var problem = await Api.ProblemAsync(past, HttpStatusCode.BadRequest);
            Assert.Equal(["ReportResourceDeploymentStatus/ResourceInformation/ScheduleInformation[EstimatedArrival]/DateTime"], problem["errors"]!.AsObject().Select(e => e.Key));
        }
        // Morocco's side does not report Portugal's teams; Spain, not party to the request, does not even find them.
        using (var requester = await PostXmlAsync(fixture.As("ma-coordinator"), departure))
        {
            await Api.ProblemAsync(requester, HttpStatusCode.Forbidden);
        }
        using (var stranger = await PostXmlAsync(fixture.As("es-coordinator"), departure))
        {
            await Api.ProblemAsync(stranger, HttpStatusCode.NotFound);
        }
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            using var response = await PostXmlAsync(fixture.As("pt-coordinator"), departure);
            await Api.ExpectAsync(response, HttpStatusCode.OK);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }));

        Assert.Single(answers, a => (bool)a["applied"]!);
        Assert.All(answers, a => Assert.Equal(("ReportResourceDeploymentStatus", id), ((string)a["kind"]!, (string)a["requestId"]!)));
        var board = DeploymentOf(await BoardAsync(fixture.Host, "ma-duty", id), Portugal);
        Assert.Equal(["mobilising", "departed"], board["reports"]!.AsArray().Select(r => (string)r!["status"]!));
        Assert.Equal(("Coluna a caminho", eta), ((string)board["reports"]![1]!["comment"]!,
            DateTimeOffset.Parse((string)board["expectedArrival"]!, CultureInfo.InvariantCulture)));

        // A status that cannot follow the current one is refused and changes nothing.
        using (var early = await PostXmlAsync(fixture.As("pt-coordinator"), StatusReport($"urn:pt-anepc:status:{Guid.NewGuid():N}", id, commit, "returned", null, "")))
        {
            await Api.ProblemAsync(early, HttpStatusCode.Conflict);
        }
        Assert.Equal("departed", (string)DeploymentOf(await BoardAsync(fixture.Host, "ma-duty", id), Portugal)["status"]!);

        // Only the requester releases: Portugal's system cannot; Morocco's can, once.
        var releaseId = $"urn:ma-dgpc:release:{Guid.NewGuid():N}";
        var release = Release(releaseId, id, commit, "Décrue confirmée");
        using (var offerer = await PostXmlAsync(fixture.As("pt-coordinator"), release))
        {
            await Api.ProblemAsync(offerer, HttpStatusCode.Forbidden);
        }
        foreach (var applied in new[] { true, false })
        {
            using var response = await PostXmlAsync(fixture.As("ma-duty"), release);
            await Api.ExpectAsync(response, HttpStatusCode.OK);
            Assert.Equal(applied, (bool)(await response.Content.ReadFromJsonAsync<JsonObject>())!["applied"]!);
        }
        var released = DeploymentOf(await BoardAsync(fixture.Host, "ma-duty", id), Portugal);
        Assert.Equal(("Décrue confirmée", releaseId), ((string)released["release"]!["comment"]!, (string)released["release"]!["messageId"]!));

        // The export speaks of them by the ids the partners' systems gave them.
        var exported = await ExportAsync(fixture.As("ma-duty"), id);
        Assert.Empty(Schemas.Value.Validate(exported));
        Assert.Contains(departureId, exported.Root!.Elements(Msg + "ReportResourceDeploymentStatus").Select(m => (string)m.Element(Msg + "MessageID")!));
        Assert.Equal(releaseId, (string)exported.Root.Element(Msg + "ReleaseResource")!.Element(Msg + "MessageID")!);
    }

    [Fact]
    public async Task A_status_report_exported_from_one_request_and_imported_on_another_gives_the_same_report()
    {
        var (first, _) = await OpenToAsync(fixture.Host, Portugal);
        await CommitOneModuleAsync(fixture.Host, first, Portugal, "pt-coordinator", approver: null);
        await ReportOkAsync("pt-coordinator", first, Portugal, new JsonObject
        {
            ["status"] = "departed", ["expectedArrival"] = DateTimeOffset.UtcNow.AddHours(6).ToString("O"), ["comment"] = "Dois barcos", ["latitude"] = 38.7, ["longitude"] = -9.14,
        });
        var (second, _) = await OpenToAsync(fixture.Host, Portugal);
        await CommitOneModuleAsync(fixture.Host, second, Portugal, "pt-coordinator", approver: null);

        var message = (await ExportAsync(fixture.As("pt-coordinator"), first)).Root!.Elements(Msg + "ReportResourceDeploymentStatus").Single(m => StatusOf(m) == "departed");
        message.Element(Msg + "MessageID")!.Value = $"urn:pt-anepc:status:{Guid.NewGuid():N}";
        message.Element(Msg + "OriginatingMessageID")!.Value = EdxlRmMessageIds.Request(second);
        message.Element(Msg + "PrecedingMessageID")!.Value = await CommitMessageIdAsync(second, Portugal);
        using (var imported = await PostXmlAsync(fixture.As("pt-coordinator"), message.ToString()))
        {
            await Api.ExpectAsync(imported, HttpStatusCode.OK);
        }

        var original = DeploymentOf(await BoardAsync(fixture.Host, "ma-duty", first), Portugal)["reports"]![1]!;
        var arrived = DeploymentOf(await BoardAsync(fixture.Host, "ma-duty", second), Portugal)["reports"]![1]!;
        foreach (var field in new[] { "status", "comment", "where" })
        {
            Assert.True(JsonNode.DeepEquals(original[field], arrived[field]), $"{field}: {original[field]?.ToJsonString()} became {arrived[field]?.ToJsonString()}");
        }
        Assert.Equal(DateTimeOffset.Parse((string)original["expectedArrival"]!, CultureInfo.InvariantCulture),
            DateTimeOffset.Parse((string)arrived["expectedArrival"]!, CultureInfo.InvariantCulture));
    }

    private async Task ReportOkAsync(string user, string id, string authority, JsonObject report)
    {
        using var response = await ActAsync(fixture.Host, user, id, authority, "reports", report);
        await Api.ExpectAsync(response, HttpStatusCode.OK);
    }

    /// <summary>The MessageID of Morocco's CommitResource on the authority's offer, which its deployment's messages follow.</summary>
    private async Task<string> CommitMessageIdAsync(string id, string authority)
    {
        var offer = (await fixture.As("ma-duty").GetRequestAsync(id))["exchange"]!["offers"]!.AsArray().Single(o => (string)o!["authorityId"]! == authority)!;
        return EdxlRmMessageIds.Commit(id, (string)offer["offerId"]!);
    }

    // The deployment messages the authority's side sent or that speak of its teams (the release is the requester's).
    private static List<XElement> DeploymentMessages(XDocument export, string authority) =>
        export.Root!.Elements()
            .Where(m => m.Name.LocalName is "ReportResourceDeploymentStatus" or "RequestReturn" && AuthorityOf(m) == authority)
            .ToList();

    private static string? AuthorityOf(XElement message) =>
        message.Element(Msg + "ContactInformation")?.Descendants(EdxlRmNames.Xpil + "IdentifierElement").SingleOrDefault()?.Value;

    private static string? StatusOf(XElement message) =>
        message.Descendants(Msg + "DeploymentStatus").Select(s => (string?)s.Element(Rm + "Value")).Distinct().SingleOrDefault();

    private static XElement? ScheduleOf(XElement message, string type) =>
        message.Element(Msg + "ResourceInformation")!.Elements(Msg + "ScheduleInformation").SingleOrDefault(s => (string)s.Element(Msg + "ScheduleType")! == type);
}
