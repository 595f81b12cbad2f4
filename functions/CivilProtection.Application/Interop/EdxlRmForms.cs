using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CivilProtection.Application.Forms;
using static CivilProtection.Application.Interop.EdxlRmNames;

namespace CivilProtection.Application.Interop;

/// <summary>
/// Reads a schema-valid EDXL-RM message into the forms our own API takes, so that it passes exactly the checks a form
/// posted as JSON passes; a field error comes back under the element it was read from (<see cref="InMessageTerms"/>).
/// </summary>
public static partial class EdxlRmForms
{
    /// <summary>A RequestResource: the request form, the authority the message names as requester, and the lines typed from a list that is not ours.</summary>
    public static ReceivedRequest RequestOf(XElement message)
    {
        var resources = message.Elements(Msg + "ResourceInformation").ToList();
        var keywords = resources.SelectMany(r => r.Elements(Msg + "Resource").Elements(Msg + "Keyword")).ToList();
        var arrival = resources.SelectMany(r => r.Elements(Msg + "ScheduleInformation"))
            .FirstOrDefault(s => Text(s.Element(Msg + "ScheduleType")) == "RequestedArrival");
        var address = arrival?.Element(Msg + "Location")?.Element(Rm + "Address");
        var requester = ContactOf(message, "Requester");
        var foreign = new Dictionary<int, string>();
        var capabilities = resources.Select((r, i) =>
        {
            var resource = r.Element(Msg + "Resource");
            var type = resource?.Element(Msg + "TypeStructure");
            var urn = Text(type?.Element(Rm + "ValueListURN"));
            if (urn is not null && EdxlRmValueLists.CatalogueVersionOf(urn) is null)
            {
                foreign[i] = urn;
            }
            return new CapabilityForm
            {
                Code = Text(type?.Element(Rm + "Value")),
                Quantity = QuantityOf(r.Element(Msg + "AssignmentInformation")?.Element(Msg + "Quantity")),
                Notes = Text(resource?.Element(Msg + "Description")),
            };
        }).ToList();
        var form = new RequestForm
        {
            Incident = new IncidentForm
            {
                Type = KeywordOf(keywords, EdxlRmValueLists.IncidentType),
                Title = Text(message.Element(Msg + "MessageDescription")),
                Description = Text(message.Element(Msg + "IncidentInformation")?.Element(Rm + "IncidentDescription")),
                Region = Text(address?.Element(Xal + "AdministrativeArea")?.Element(Xal + "NameElement")),
                Place = Text(address?.Element(Xal + "Locality")?.Element(Xal + "NameElement")),
                Coordinates = CoordinatesOf(arrival?.Element(Msg + "Location")?.Element(Rm + "TargetArea")?.Element(Gml + "Point")?.Element(Gml + "pos")),
            },
            Urgency = KeywordOf(keywords, EdxlRmValueLists.Urgency),
            Capabilities = capabilities,
            NeededBy = DateOf(arrival?.Element(Msg + "DateTime")),
            Contact = ContactFormOf(requester),
            Language = KeywordOf(keywords, EdxlRmValueLists.Language),
        };
        return new ReceivedRequest(MessageIdOf(message), AuthorityOf(requester), form, foreign);
    }

    /// <summary>A ResponseToRequestResource: the offer form, one line per resource it accepts to provide (declined ones are not offered).</summary>
    public static AssistanceOfferForm OfferOf(XElement message) => new()
    {
        Lines = message.Elements(Msg + "ResourceInformation")
            .Where(r => Text(r.Element(Msg + "ResponseInformation")?.Element(Rm + "ResponseType")) != "Decline")
            .Select(r =>
            {
                var assignment = r.Element(Msg + "AssignmentInformation");
                var schedules = r.Elements(Msg + "ScheduleInformation").ToList();
                var arrival = DateOf(ScheduleOf(schedules, "EstimatedArrival"));
                var end = DateOf(ScheduleOf(schedules, "EndAvailable"));
                var price = assignment?.Element(Msg + "PriceQuote")?.Element(Rm + "MeasuredQuantity");
                var selfSufficient = KeywordOf(r.Elements(Msg + "Resource").Elements(Msg + "Keyword"), EdxlRmValueLists.SelfSufficient);
                return new OfferLineForm
                {
                    RequestLine = RequestLineOf(Text(r.Element(Msg + "ResponseInformation")?.Element(Rm + "PrecedingResourceInfoElementID"))),
                    Code = Text(r.Element(Msg + "Resource")?.Element(Msg + "TypeStructure")?.Element(Rm + "Value")),
                    Quantity = QuantityOf(assignment?.Element(Msg + "Quantity")),
                    EarliestArrival = arrival,
                    DurationDays = arrival is { } from && end is { } to ? (int)Math.Ceiling((to - from).TotalDays) : null,
                    SelfSufficient = selfSufficient is null ? null : selfSufficient == "true",
                    Conditions = Text(assignment?.Element(Msg + "Restrictions")),
                    EstimatedCost = price is null ? null : new MoneyForm
                    {
                        Amount = decimal.TryParse(Text(price.Element(Rm + "Amount")), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null,
                        Currency = Text(price.Element(Rm + "UnitOfMeasure")?.Element(Rm + "Value")),
                    },
                };
            }).ToList(),
        Contact = ContactFormOf(ContactOf(message, "RespondingOrg")),
    };

    /// <summary>A CommitResource on an offer of <paramref name="offerLines"/> lines: how many of each are accepted (a declined or missing line, none).</summary>
    public static OfferDecisionForm DecisionOf(XElement message, IReadOnlyList<string> offerLineIds)
    {
        var lines = new List<LineAcceptanceForm>();
        string? reason = null;
        foreach (var r in message.Elements(Msg + "ResourceInformation"))
        {
            var response = r.Element(Msg + "ResponseInformation");
            var line = offerLineIds.ToList().IndexOf(Text(response?.Element(Rm + "PrecedingResourceInfoElementID")) ?? "");
            var accepted = Text(response?.Element(Rm + "ResponseType")) == "Accept";
            reason ??= Text(response?.Element(Rm + "ResponseReason"));
            lines.Add(new LineAcceptanceForm { OfferLine = line < 0 ? null : line, Quantity = accepted ? QuantityOf(r.Element(Msg + "AssignmentInformation")?.Element(Msg + "Quantity")) : 0 });
        }
        return new OfferDecisionForm { Lines = lines, Comment = reason ?? Text(message.Element(Msg + "MessageDescription")) };
    }

    public static string MessageIdOf(XElement message) => Text(message.Element(Msg + "MessageID")) ?? "";

    public static string? Text(XElement? element) => element?.Value.Trim() is { Length: > 0 } text ? text : null;

    /// <summary>
    /// The field errors of a form read from <paramref name="message"/>, each under the element the field came from
    /// (<c>capabilities[1].quantity</c> → <c>RequestResource/ResourceInformation[2]/AssignmentInformation/Quantity</c>),
    /// or where <paramref name="elementOf"/> says for a form of another message kind.
    /// </summary>
    public static FormRejectedException InMessageTerms(FormRejectedException refused, XElement message, Func<string, string>? elementOf = null)
    {
        var root = message.Name.LocalName;
        var errors = new FieldErrors();
        foreach (var (field, messages) in refused.Errors)
        {
            var element = $"{root}/{(elementOf ?? ElementOf)(field)}";
            foreach (var text in messages)
            {
                errors.Add(element, text);
            }
        }
        return new FormRejectedException(errors);
    }

    private static string ElementOf(string field)
    {
        var line = LineIndex().Match(field);
        var at = line.Success ? $"ResourceInformation[{int.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture) + 1}]" : "ResourceInformation";
        var rest = line.Success ? field[(line.Index + line.Length)..].TrimStart('.') : field;
        const string contact = "ContactInformation/AdditionalContactInformation";
        return rest switch
        {
            "incident.type" => $"ResourceInformation/Resource/Keyword[{EdxlRmValueLists.IncidentType}]",
            "incident.title" => "MessageDescription",
            "incident.description" => "IncidentInformation/IncidentDescription",
            "incident.region" => "ResourceInformation/ScheduleInformation/Location/Address/AdministrativeArea",
            "incident.place" => "ResourceInformation/ScheduleInformation/Location/Address/Locality",
            _ when rest.StartsWith("incident.coordinates", StringComparison.Ordinal) => "ResourceInformation/ScheduleInformation/Location/TargetArea/Point/pos",
            "urgency" => $"ResourceInformation/Resource/Keyword[{EdxlRmValueLists.Urgency}]",
            "language" => $"ResourceInformation/Resource/Keyword[{EdxlRmValueLists.Language}]",
            "neededBy" => "ResourceInformation/ScheduleInformation[RequestedArrival]/DateTime",
            "contact" => "ContactInformation",
            "contact.name" => $"{contact}/PartyName/PersonName",
            "contact.phone" => $"{contact}/ContactNumbers/ContactNumber/ContactNumberElement",
            "contact.email" => $"{contact}/ElectronicAddressIdentifiers/ElectronicAddressIdentifier",
            "" or "capabilities" or "lines" => at,
            "code" => $"{at}/Resource/TypeStructure",
            "quantity" => $"{at}/AssignmentInformation/Quantity",
            "notes" => $"{at}/Resource/Description",
            "requestLine" => $"{at}/ResponseInformation/PrecedingResourceInfoElementID",
            "offerLine" => $"{at}/ResponseInformation/PrecedingResourceInfoElementID",
            "earliestArrival" => $"{at}/ScheduleInformation[EstimatedArrival]/DateTime",
            "durationDays" => $"{at}/ScheduleInformation[EndAvailable]/DateTime",
            "selfSufficient" => $"{at}/Resource/Keyword[{EdxlRmValueLists.SelfSufficient}]",
            "conditions" => $"{at}/AssignmentInformation/Restrictions",
            _ when rest.StartsWith("estimatedCost", StringComparison.Ordinal) => $"{at}/AssignmentInformation/PriceQuote",
            "comment" => "ResourceInformation/ResponseInformation/ResponseReason",
            _ => rest,
        };
    }

    [GeneratedRegex(@"^(?:capabilities|lines)\[(\d+)\]")]
    private static partial Regex LineIndex();

    private static XElement? ContactOf(XElement message, string role)
    {
        var contacts = message.Elements(Msg + "ContactInformation").ToList();
        return contacts.FirstOrDefault(c => Text(c.Element(Rm + "ContactRole")) == role) ?? contacts.FirstOrDefault();
    }

    private static ContactForm? ContactFormOf(XElement? contact)
    {
        var party = contact?.Element(Rm + "AdditionalContactInformation");
        if (party is null)
        {
            return null;
        }
        var person = party.Element(Xpil + "PartyName")?.Element(Xnl + "PersonName")?.Elements(Xnl + "NameElement").Select(n => n.Value.Trim());
        return new ContactForm
        {
            Name = person is null ? null : string.Join(' ', person),
            Phone = Text(party.Element(Xpil + "ContactNumbers")?.Element(Xpil + "ContactNumber")?.Element(Xpil + "ContactNumberElement")),
            Email = Text(party.Element(Xpil + "ElectronicAddressIdentifiers")?.Element(Xpil + "ElectronicAddressIdentifier")),
        };
    }

    private static string? AuthorityOf(XElement? contact) =>
        Text(contact?.Element(Rm + "AdditionalContactInformation")?.Element(Xpil + "Identifiers")?.Element(Xpil + "Identifier")?.Element(Xpil + "IdentifierElement"));

    private static string? KeywordOf(IEnumerable<XElement> keywords, string urn) =>
        keywords.Where(k => Text(k.Element(Rm + "ValueListURN")) == urn).Select(k => Text(k.Element(Rm + "Value"))).FirstOrDefault();

    internal static XElement? ScheduleOf(IEnumerable<XElement> schedules, string type) =>
        schedules.FirstOrDefault(s => Text(s.Element(Msg + "ScheduleType")) == type)?.Element(Msg + "DateTime");

    // A count is whole; anything else is left out, and the form's own check names it.
    private static int? QuantityOf(XElement? quantity)
    {
        var text = Text(quantity?.Element(Rm + "MeasuredQuantity")?.Element(Rm + "Amount")) ?? Text(quantity?.Element(Rm + "QuantityText"));
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount == Math.Floor(amount) && Math.Abs(amount) <= int.MaxValue
            ? (int)amount
            : null;
    }

    private static int? RequestLineOf(string? id) =>
        id is not null && id.StartsWith("line-", StringComparison.Ordinal) && int.TryParse(id["line-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
            ? n - 1
            : null;

    internal static DateTimeOffset? DateOf(XElement? element) =>
        Text(element) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;

    internal static CoordinatesForm? CoordinatesOf(XElement? pos)
    {
        var parts = Text(pos)?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is [var lat, var lon]
            ? new CoordinatesForm
            {
                Latitude = double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var la) ? la : null,
                Longitude = double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out var lo) ? lo : null,
            }
            : null;
    }
}

/// <summary>A RequestResource read: its MessageID, the requesting authority it names, the form, and the lines (by index) typed from a value list of a partner's, with that list's URN.</summary>
public sealed record ReceivedRequest(string MessageId, string? RequesterAuthorityId, RequestForm Form, IReadOnlyDictionary<int, string> ForeignTypes);
