using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;
using static CivilProtection.Application.Interop.EdxlRmNames;

namespace CivilProtection.Application.Interop;

/// <summary>
/// Writes our request, offers, decisions and questions as EDXL-RM 1.0 messages. Pure: what the reader may see is
/// chosen by the caller (<see cref="EdxlRmExport"/>); the mapping of each field is tabled in <c>docs/interop.md</c>.
/// </summary>
public static class EdxlRmWriter
{
    /// <summary>The request as a RequestResource: one ResourceInformation per requested line.</summary>
    public static XElement RequestResource(AssistanceRequestState request, string requesterName)
    {
        var details = request.Details;
        var catalogue = CatalogueVersions.Find(request.CatalogueVersion) ?? CatalogueVersions.Current;
        return Message(EdxlRmMessageKind.RequestResource, EdxlRmMessageIds.Request(request.Id), request.SentAt ?? request.FiledAt,
            details.Incident.Title, OriginOf(request), preceding: null, request,
            [Contact("Requester", details.Contact, request.RequestingAuthorityId, requesterName)],
            details.Capabilities.Select((line, i) => new XElement(Msg + "ResourceInformation",
                new XElement(Msg + "ResourceInfoElementID", RequestLineId(i)),
                new XElement(Msg + "Resource",
                    new XElement(Msg + "Name", catalogue.Find(line.Code)?.Names.In(details.Language) ?? line.Code),
                    ResourceType(line, catalogue),
                    ValueList("Keyword", EdxlRmValueLists.IncidentType, details.Incident.Type),
                    ValueList("Keyword", EdxlRmValueLists.Urgency, WireNames.Of(details.Urgency)),
                    ValueList("Keyword", EdxlRmValueLists.Language, details.Language),
                    line.Notes is null ? null : new XElement(Msg + "Description", line.Notes)),
                new XElement(Msg + "AssignmentInformation", Quantity("Quantity", line.Quantity, UnitOf(line, catalogue))),
                Schedule("RequestedArrival", details.NeededBy, IncidentLocation(details.Incident)))));
    }

    /// <summary>A sent offer: a ResponseToRequestResource answering the request's lines, or an OfferUnsolicitedResource.</summary>
    public static XElement Offer(AssistanceRequestState request, OfferState offer, string offererName)
    {
        var kind = offer.Unsolicited ? EdxlRmMessageKind.OfferUnsolicitedResource : EdxlRmMessageKind.ResponseToRequestResource;
        var catalogue = CatalogueVersions.Find(request.CatalogueVersion) ?? CatalogueVersions.Current;
        return Message(kind, OfferMessageId(request, offer), offer.SentAt ?? offer.PreparedAt, description: null, OriginOf(request),
            preceding: offer.Unsolicited ? null : OriginOf(request), request,
            [Contact("RespondingOrg", offer.Contact, offer.AuthorityId, offererName)],
            offer.Lines.Select((line, i) => new XElement(Msg + "ResourceInformation",
                new XElement(Msg + "ResourceInfoElementID", OfferLineId(offer, i)),
                offer.Unsolicited ? null : Response(RequestLineId(line.RequestLine), "Accept", reason: null),
                new XElement(Msg + "Resource",
                    ResourceType(TypeOf(request, line), catalogue),
                    ValueList("Keyword", EdxlRmValueLists.SelfSufficient, line.SelfSufficient ? "true" : "false")),
                new XElement(Msg + "AssignmentInformation",
                    Quantity("Quantity", line.Quantity, UnitOf(TypeOf(request, line), catalogue)),
                    line.Conditions is null ? null : new XElement(Msg + "Restrictions", line.Conditions),
                    line.EstimatedCost is { } cost ? Price(cost) : null),
                Schedule("EstimatedArrival", line.EarliestArrival, location: null),
                Schedule("EndAvailable", line.EarliestArrival.AddDays(line.DurationDays), location: null))));
    }

    /// <summary>The requester's decision on an offer as a CommitResource: each offer line accepted (with how many) or declined.</summary>
    public static XElement Commit(AssistanceRequestState request, OfferState offer, string requesterName)
    {
        var catalogue = CatalogueVersions.Find(request.CatalogueVersion) ?? CatalogueVersions.Current;
        return Message(EdxlRmMessageKind.CommitResource, CommitMessageId(request, offer),
            offer.DecidedAt ?? request.UpdatedAt, offer.Reason, OriginOf(request), OfferMessageId(request, offer), request,
            [Contact("Requester", request.Details.Contact, request.RequestingAuthorityId, requesterName)],
            offer.Lines.Select((line, i) => new XElement(Msg + "ResourceInformation",
                new XElement(Msg + "ResourceInfoElementID", OfferLineId(offer, i)),
                Response(OfferLineId(offer, i), line.Accepted > 0 ? "Accept" : "Decline", line.Accepted > 0 ? null : offer.Reason),
                new XElement(Msg + "Resource", ResourceType(TypeOf(request, line), catalogue)),
                new XElement(Msg + "AssignmentInformation", Quantity("Quantity", line.Accepted ?? 0, unit: null)))));
    }

    /// <summary>The requester's question about an offer, as a RequestInformation.</summary>
    public static XElement Question(AssistanceRequestState request, OfferState offer, AuditEvent asked, string requesterName) =>
        Message(EdxlRmMessageKind.RequestInformation, EdxlRmMessageIds.Question(request.Id, offer.OfferId, asked.Sequence), asked.At,
            asked.Comment ?? "", OriginOf(request), OfferMessageId(request, offer), request,
            [Contact("Requester", request.Details.Contact, request.RequestingAuthorityId, requesterName)], []);

    /// <summary>The offerer's answer to <paramref name="question"/>, as a ResponseToRequestInformation.</summary>
    public static XElement Answer(AssistanceRequestState request, OfferState offer, AuditEvent question, AuditEvent answered, string offererName) =>
        Message(EdxlRmMessageKind.ResponseToRequestInformation, EdxlRmMessageIds.Answer(request.Id, offer.OfferId, answered.Sequence), answered.At,
            answered.Comment ?? "", OriginOf(request), EdxlRmMessageIds.Question(request.Id, offer.OfferId, question.Sequence), request,
            [Contact("RespondingOrg", offer.Contact, offer.AuthorityId, offererName)], []);

    /// <summary>A requested line's ResourceInfoElementID, which an offer line's response names.</summary>
    public static string RequestLineId(int line) => $"line-{line + 1}";

    public static string OfferLineId(OfferState offer, int line) => $"{offer.OfferId}-line-{line + 1}";

    /// <summary>The MessageID an offer is known by: the one it came in on, else ours.</summary>
    public static string OfferMessageId(AssistanceRequestState request, OfferState offer) =>
        offer.MessageId ?? EdxlRmMessageIds.Offer(request.Id, offer.OfferId);

    /// <summary>The MessageID a decision on an offer is known by: the one it came in on, else ours.</summary>
    public static string CommitMessageId(AssistanceRequestState request, OfferState offer) =>
        offer.DecisionMessageId ?? EdxlRmMessageIds.Commit(request.Id, offer.OfferId);

    /// <summary>The first message of the exchange: the partner's, for a request imported from its system; else our request's.</summary>
    public static string OriginOf(AssistanceRequestState request) => request.OriginMessageId ?? EdxlRmMessageIds.Request(request.Id);

    // The elements every message starts with, in the order the schemas require them.
    internal static XElement Message(
        EdxlRmMessageKind kind, string messageId, DateTimeOffset sent, string? description, string origin, string? preceding,
        AssistanceRequestState request, IEnumerable<XElement> contacts, IEnumerable<XElement> resources) =>
        new(Msg + kind.ToString(),
            new XAttribute(XNamespace.Xmlns + "rm", Rm.NamespaceName),
            new XElement(Msg + "MessageID", messageId),
            new XElement(Msg + "SentDateTime", XmlConvert.ToString(sent.ToUniversalTime().UtcDateTime, XmlDateTimeSerializationMode.Utc)),
            new XElement(Msg + "MessageContentType", kind.ToString()),
            description is null ? null : new XElement(Msg + "MessageDescription", description),
            new XElement(Msg + "OriginatingMessageID", origin),
            preceding is null ? null : new XElement(Msg + "PrecedingMessageID", preceding),
            new XElement(Msg + "IncidentInformation",
                new XElement(Rm + "IncidentID", request.Reference),
                new XElement(Rm + "IncidentDescription", request.Details.Incident.Description)),
            contacts,
            resources);

    internal static XElement Contact(string role, PointOfContact contact, string authorityId, string authorityName) =>
        new(Msg + "ContactInformation",
            new XElement(Rm + "ContactRole", role),
            new XElement(Rm + "AdditionalContactInformation",
                new XElement(Xpil + "PartyName",
                    new XElement(Xnl + "PersonName", new XElement(Xnl + "NameElement", contact.Name)),
                    new XElement(Xnl + "OrganisationName", new XElement(Xnl + "NameElement", authorityName))),
                new XElement(Xpil + "ContactNumbers", new XElement(Xpil + "ContactNumber", new XElement(Xpil + "ContactNumberElement", contact.Phone))),
                new XElement(Xpil + "ElectronicAddressIdentifiers", new XElement(Xpil + "ElectronicAddressIdentifier", contact.Email)),
                new XElement(Xpil + "Identifiers", new XElement(Xpil + "Identifier", new XElement(Xpil + "IdentifierElement", authorityId)))));

    // A code of ours names its catalogue version's list; a type kept from a partner's list keeps that list's URN.
    internal static XElement ResourceType(RequestedCapability line, CapabilityCatalogue catalogue) =>
        ValueList("TypeStructure", line.ValueListUrn ?? EdxlRmValueLists.Catalogue(catalogue.Version), line.Code);

    // An offer line of the requested type keeps the list that type came from; an alternative is a code of ours.
    internal static RequestedCapability TypeOf(AssistanceRequestState request, OfferLine line) =>
        request.Details.Capabilities.ElementAtOrDefault(line.RequestLine) is { } requested && requested.Code == line.Code
            ? requested with { Quantity = line.Quantity, Notes = null }
            : new RequestedCapability(line.Code, line.Quantity, null);

    internal static string? UnitOf(RequestedCapability line, CapabilityCatalogue catalogue) =>
        line.ValueListUrn is null ? catalogue.Find(line.Code)?.Unit : null;

    internal static XElement ValueList(string element, string urn, string value) =>
        new(Msg + element, new XElement(Rm + "ValueListURN", urn), new XElement(Rm + "Value", value));

    internal static XElement Quantity(string element, decimal amount, string? unit) =>
        new(Msg + element, new XElement(Rm + "MeasuredQuantity",
            new XElement(Rm + "Amount", XmlConvert.ToString(amount)),
            unit is null ? null : new XElement(Rm + "UnitOfMeasure", new XElement(Rm + "ValueListURN", EdxlRmValueLists.Unit), new XElement(Rm + "Value", unit))));

    private static XElement Price(Money cost) =>
        new(Msg + "PriceQuote", new XElement(Rm + "MeasuredQuantity",
            new XElement(Rm + "Amount", XmlConvert.ToString(cost.Amount)),
            new XElement(Rm + "UnitOfMeasure", new XElement(Rm + "ValueListURN", EdxlRmValueLists.Currency), new XElement(Rm + "Value", cost.Currency))));

    private static XElement Response(string precedingLine, string type, string? reason) =>
        new(Msg + "ResponseInformation",
            new XElement(Rm + "PrecedingResourceInfoElementID", precedingLine),
            new XElement(Rm + "ResponseType", type),
            reason is null ? null : new XElement(Rm + "ResponseReason", reason));

    internal static XElement Schedule(string type, DateTimeOffset at, XElement? location) =>
        new(Msg + "ScheduleInformation",
            new XElement(Msg + "ScheduleType", type),
            new XElement(Msg + "DateTime", XmlConvert.ToString(at.ToUniversalTime().UtcDateTime, XmlDateTimeSerializationMode.Utc)),
            location);

    private static XElement IncidentLocation(Incident incident) =>
        new(Msg + "Location",
            new XElement(Rm + "Address",
                new XElement(Xal + "AdministrativeArea", new XElement(Xal + "NameElement", incident.Region)),
                new XElement(Xal + "Locality", new XElement(Xal + "NameElement", incident.Place))),
            incident.Coordinates is { } c ? TargetArea(c.Latitude, c.Longitude) : null);

    /// <summary>A point as EDXL-RM's TargetArea: <c>gml:pos</c> is latitude then longitude (WGS 84).</summary>
    internal static XElement TargetArea(double latitude, double longitude) =>
        new(Rm + "TargetArea", new XElement(Gml + "Point", new XElement(Gml + "pos",
            string.Create(CultureInfo.InvariantCulture, $"{XmlConvert.ToString(latitude)} {XmlConvert.ToString(longitude)}"))));
}
