using System.Text;
using System.Xml.Linq;
using CivilProtection.Application.Interop;
using CivilProtection.Domain.Deployments;
using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;
using CivilProtection.Domain.Tests.Deployments;
using CivilProtection.Domain.Tests.Offers;
using CivilProtection.Domain.Tests.Requests;

namespace CivilProtection.Domain.Tests.Interop;

/// <summary>Every EDXL-RM message the export writes is valid against its OASIS schema, and says what our model says.</summary>
public sealed class EdxlRmMessagesTests
{
    [Fact]
    public void Every_message_kind_the_export_writes_validates_against_its_EDXL_RM_schema()
    {
        var messages = WholeExchange();

        foreach (var message in messages)
        {
            var problems = Standards.EdxlRm.Validate(Reparsed(message));
            Assert.True(problems.Count == 0, $"{message.Name.LocalName}: {string.Join("; ", problems.Select(p => $"{p.Element} (line {p.Line}): {p.Message}"))}");
        }
        Assert.Equal(Enum.GetNames<EdxlRmMessageKind>().Order(), messages.Select(m => m.Name.LocalName).Distinct().Order());
    }

    [Fact]
    public void A_request_resource_carries_every_line_with_its_catalogue_code_quantity_and_needed_by()
    {
        var request = Exchange.Open().State;

        var message = EdxlRmWriter.RequestResource(request, "Direction Générale de la Protection Civile");

        var lines = message.Elements(EdxlRmNames.Msg + "ResourceInformation").ToList();
        Assert.Equal(2, lines.Count);
        var type = lines[0].Element(EdxlRmNames.Msg + "Resource")!.Element(EdxlRmNames.Msg + "TypeStructure")!;
        Assert.Equal(EdxlRmValueLists.Catalogue("legacy-1"), (string)type.Element(EdxlRmNames.Rm + "ValueListURN")!);
        Assert.Equal("high-capacity-pumping", (string)type.Element(EdxlRmNames.Rm + "Value")!);
        Assert.Equal("2", (string)lines[0].Descendants(EdxlRmNames.Rm + "Amount").Single());
        Assert.Equal(Given.FiledAt.AddDays(2), (DateTimeOffset)lines[1].Descendants(EdxlRmNames.Msg + "DateTime").Single());
        Assert.Equal(EdxlRmMessageIds.Request(request.Id), (string)message.Element(EdxlRmNames.Msg + "MessageID")!);
        Assert.Equal(request.Id, EdxlRmMessageIds.RequestIdOf((string)message.Element(EdxlRmNames.Msg + "OriginatingMessageID")!));
    }

    [Fact]
    public void A_commit_names_the_offer_it_decides_and_how_many_of_each_line_were_accepted()
    {
        var messages = WholeExchange();
        var commit = messages.First(m => m.Name.LocalName == nameof(EdxlRmMessageKind.CommitResource));
        var offerId = EdxlRmMessageIds.OfferIdOf((string)commit.Element(EdxlRmNames.Msg + "PrecedingMessageID")!);

        Assert.Equal($"{Exchange.France}-1", offerId);
        Assert.Equal(["1", "0"], commit.Descendants(EdxlRmNames.Rm + "Amount").Select(a => (string)a));
        Assert.Equal(["Accept", "Decline"], commit.Descendants(EdxlRmNames.Rm + "ResponseType").Select(a => (string)a));
    }

    [Fact]
    public void A_deployment_reports_our_status_the_standard_s_schedule_words_and_a_return_only_when_the_teams_left_unreleased()
    {
        var messages = WholeExchange();
        var reports = messages.Where(m => m.Name.LocalName == nameof(EdxlRmMessageKind.ReportResourceDeploymentStatus)).ToList();

        Assert.Equal(["mobilising", "departed", "arrived-on-site", "demobilising", "mobilising"],
            reports.Select(r => (string)r.Descendants(EdxlRmNames.Msg + "DeploymentStatus").Single().Element(EdxlRmNames.Rm + "Value")!));
        Assert.Equal([["Current"], ["ActualDeparture", "EstimatedArrival", "Current"], ["ActualArrival", "Current"], ["ActualReturnDeparture", "Current"], ["Current"]],
            reports.Select(r => r.Descendants(EdxlRmNames.Msg + "ScheduleType").Select(t => (string)t).ToArray()));
        Assert.Equal("34.25 -5.7", (string)reports[2].Descendants(EdxlRmNames.Gml + "pos").Single());
        Assert.All(reports, r => Assert.EndsWith(":commit", (string)r.Element(EdxlRmNames.Msg + "PrecedingMessageID")!, StringComparison.Ordinal));
        // The first deployment went home unreleased (a RequestReturn); the second was released and asked nothing back.
        Assert.Equal("Rappelés en France", (string)messages.Single(m => m.Name.LocalName == nameof(EdxlRmMessageKind.RequestReturn)).Element(EdxlRmNames.Msg + "MessageDescription")!);
        Assert.Equal("Décrue confirmée", (string)messages.Single(m => m.Name.LocalName == nameof(EdxlRmMessageKind.ReleaseResource)).Element(EdxlRmNames.Msg + "MessageDescription")!);
    }

    /// <summary>
    /// Open to three partners: France offers, is asked a question, answers, and is partly accepted; Spain is declined;
    /// Italy offers unasked. France's module goes home unreleased; a second deployment of it is released.
    /// </summary>
    internal static IReadOnlyList<XElement> WholeExchange()
    {
        var request = Exchange.Open();
        var france = request.PrepareOffer(Exchange.France, [Exchange.Line(0, 2), Exchange.Line(1, 1)], Exchange.FrenchContact, [], Exchange.FrenchCoordinator, Given.MuchLater).OfferId;
        request.AskOfferer(france, Given.DutyOfficer, Given.MuchLater.AddMinutes(5), "Les pompes sont-elles autonomes en carburant ?");
        request.AnswerOfferQuestion(france, Exchange.FrenchCoordinator, Given.MuchLater.AddMinutes(20), "Oui, 72 heures.", amendedLines: null);
        request.DecideOffer(france, [new LineAcceptance(0, 1), new LineAcceptance(1, 0)], Given.DutyOfficer, Given.MuchLater.AddMinutes(30), reason: null);
        var spain = request.PrepareOffer(Exchange.Spain, [Exchange.Line(1, 2)], Exchange.FrenchContact, [], Exchange.SpanishCoordinator, Given.MuchLater.AddMinutes(40)).OfferId;
        request.DecideOffer(spain, [], Given.DutyOfficer, Given.MuchLater.AddMinutes(50), "Trop tard.");
        request.PrepareOffer(Exchange.Italy, [Exchange.Line(1, 1)], Exchange.FrenchContact, [], Exchange.ItalianCoordinator, Given.LaterStill);

        var state = request.State;
        var events = request.NewEvents;
        var franceOffer = request.OfferOf(france);
        var asked = events.Single(e => e.Action == AuditActions.OfferQuestionAsked);
        var away = Deployment.Mobilise(state, Exchange.France, 4, Exchange.FrenchCoordinator, Deployed.Now);
        away.Report(DeploymentStatus.Departed, Exchange.FrenchCoordinator, Deployed.Now.AddHours(1), expectedArrival: Deployed.Now.AddHours(5));
        away.Report(DeploymentStatus.ArrivedOnSite, Exchange.FrenchCoordinator, Deployed.Now.AddHours(5), new GeoPosition(34.25, -5.7));
        away.Report(DeploymentStatus.Demobilising, Exchange.FrenchCoordinator, Deployed.Now.AddDays(2), comment: "Rappelés en France");
        var released = Deployment.Mobilise(state, Exchange.France, 4, Exchange.FrenchCoordinator, Deployed.Now);
        released.Release(Given.DutyOfficer, Deployed.Now.AddDays(3), "Décrue confirmée");
        var answered = events.Single(e => e.Action == AuditActions.OfferQuestionAnswered);
        return
        [
            EdxlRmWriter.RequestResource(state, "Maroc"),
            EdxlRmWriter.Offer(state, franceOffer, "France"),
            EdxlRmWriter.Question(state, franceOffer, asked, "Maroc"),
            EdxlRmWriter.Answer(state, franceOffer, asked, answered, "France"),
            EdxlRmWriter.Commit(state, franceOffer, "Maroc"),
            EdxlRmWriter.Offer(state, request.OfferOf(spain), "España"),
            EdxlRmWriter.Commit(state, request.OfferOf(spain), "Maroc"),
            EdxlRmWriter.Offer(state, state.Offers.Single(o => o.AuthorityId == Exchange.Italy), "Italia"),
            .. EdxlRmDeploymentWriter.Messages(state, away.State, "France", "Maroc").Select(m => m.Message),
            .. EdxlRmDeploymentWriter.Messages(state, released.State, "France", "Maroc").Select(m => m.Message),
        ];
    }

    // Written out and read back as a partner would, so line numbers and namespaces are those of the text.
    internal static XDocument Reparsed(XElement message) => EdxlRmReader.Parse(Encoding.UTF8.GetBytes(new XDocument(message).ToString()));
}
