using System.Net.Mail;
using CivilProtection.Domain.Requests;
using PhoneNumbers;
using CivilProtection.Application.Problems;

namespace CivilProtection.Application.Forms;

/// <summary>Turns a posted form into <see cref="RequestDetails"/>, or lists every field that is wrong.</summary>
public static class RequestDetailsValidator
{
    public const int MaxTitle = 200;
    public const int MaxDescription = 4000;
    public const int MaxShortText = 200;
    public const int MaxNotes = 500;
    public const int MaxCapabilities = 20;
    public const int MaxQuantity = 10_000;

    // A needed-by a little in the past is a clock difference, not a mistake.
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static RequestDetails? Validate(RequestDetailsForm form, DateTimeOffset now, FieldErrors errors) => Validate(form, now, errors, out _);

    /// <summary>
    /// As <see cref="Validate(RequestDetailsForm, DateTimeOffset, FieldErrors)"/>, and says which catalogue version the
    /// capabilities belong to: <c>legacy-1</c> when every code is one of the legacy codes (clients that still send them
    /// keep working unchanged), else the current version, a legacy code standing for exactly one current entry being
    /// replaced by that entry's code.
    /// </summary>
    /// <param name="nationalCodes">The national resource types a line may name besides the catalogue's (<see cref="NationalType"/>; none when null).</param>
    public static RequestDetails? Validate(RequestDetailsForm form, DateTimeOffset now, FieldErrors errors, out string catalogueVersion, IReadOnlySet<string>? nationalCodes = null)
    {
        var incident = ValidateIncident(form.Incident, errors);
        Urgency urgency = default;
        if (!WireNames.TryParse(form.Urgency, out urgency))
        {
            errors.Add("urgency", FieldError.NotOneOf(Enum.GetValues<Urgency>().Select(WireNames.Of)));
        }
        var catalogue = CatalogueOf(form.Capabilities);
        catalogueVersion = catalogue.Version;
        var capabilities = ValidateCapabilities(form.Capabilities, catalogue, nationalCodes ?? EmptyCodes, errors);
        if (form.NeededBy is not { } neededBy)
        {
            errors.Add("neededBy", FieldError.Required);
        }
        else if (neededBy < now - ClockTolerance)
        {
            errors.Add("neededBy", FieldError.InThePast);
        }
        else if (neededBy > now.AddYears(1))
        {
            errors.Add("neededBy", FieldError.TooFarAhead((now.AddYears(1) - now).Days));
        }
        var contact = ValidateContact(form.Contact, errors);
        if (form.Language is null || !Catalogue.Languages.Contains(form.Language))
        {
            errors.Add("language", FieldError.NotOneOf(Catalogue.Languages));
        }
        if (errors.Any || incident is null || contact is null)
        {
            return null;
        }
        return new RequestDetails(incident, urgency, capabilities, form.NeededBy!.Value.ToUniversalTime(), contact, form.Language!);
    }

    private static Incident? ValidateIncident(IncidentForm? form, FieldErrors errors)
    {
        if (form is null)
        {
            errors.Add("incident", FieldError.Required);
            return null;
        }
        if (form.Type is null || !Catalogue.IncidentTypes.Contains(form.Type))
        {
            errors.Add("incident.type", FieldError.NotOneOf(Catalogue.IncidentTypes));
        }
        var title = Text(form.Title, "incident.title", MaxTitle, required: true, errors);
        var description = Text(form.Description, "incident.description", MaxDescription, required: true, errors);
        var region = Text(form.Region, "incident.region", MaxShortText, required: true, errors);
        var place = Text(form.Place, "incident.place", MaxShortText, required: true, errors);
        Coordinates? coordinates = null;
        if (form.Coordinates is { } c)
        {
            if (c.Latitude is not { } lat || lat is < -90 or > 90 || double.IsNaN(lat))
            {
                errors.Add("incident.coordinates.latitude", FieldError.OutOfRange(-90, 90));
            }
            if (c.Longitude is not { } lon || lon is < -180 or > 180 || double.IsNaN(lon))
            {
                errors.Add("incident.coordinates.longitude", FieldError.OutOfRange(-180, 180));
            }
            if (c.Latitude is { } la && c.Longitude is { } lo)
            {
                coordinates = new Coordinates(la, lo);
            }
        }
        return new Incident(form.Type ?? "", title, description, region, place, coordinates);
    }

    private static CapabilityCatalogue CatalogueOf(List<CapabilityForm>? forms) =>
        forms is { Count: > 0 } && forms.All(f => f?.Code is { } code && CatalogueVersions.Legacy.Find(code) is not null)
            ? CatalogueVersions.Legacy
            : CatalogueVersions.Current;

    private static readonly IReadOnlySet<string> EmptyCodes = new HashSet<string>();

    private static List<RequestedCapability> ValidateCapabilities(List<CapabilityForm>? forms, CapabilityCatalogue catalogue, IReadOnlySet<string> nationalCodes, FieldErrors errors)
    {
        var capabilities = new List<RequestedCapability>();
        if (forms is null || forms.Count == 0)
        {
            errors.Add("capabilities", FieldError.TooFew(1));
            return capabilities;
        }
        if (forms.Count > MaxCapabilities)
        {
            errors.Add("capabilities", FieldError.TooMany(MaxCapabilities));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < forms.Count; i++)
        {
            var form = forms[i];
            var path = $"capabilities[{i}]";
            if (form is null)
            {
                errors.Add(path, FieldError.EmptyEntry);
                continue;
            }
            var code = form.Code is null ? null : catalogue.Resolve(form.Code)?.Code ?? (nationalCodes.Contains(form.Code) ? form.Code : null);
            if (code is null)
            {
                errors.Add($"{path}.code", UnknownCode(form.Code, catalogue));
            }
            else if (!seen.Add(code))
            {
                errors.Add($"{path}.code", FieldError.Duplicate);
            }
            if (form.Quantity is not { } quantity || quantity < 1 || quantity > MaxQuantity)
            {
                errors.Add($"{path}.quantity", FieldError.OutOfRange(1, MaxQuantity));
            }
            var notes = Text(form.Notes, $"{path}.notes", MaxNotes, required: false, errors);
            capabilities.Add(new RequestedCapability(code ?? form.Code ?? "", form.Quantity ?? 0, notes.Length == 0 ? null : notes));
        }
        return capabilities;
    }

    private static FieldError UnknownCode(string? code, CapabilityCatalogue catalogue) =>
        code is not null && catalogue.EntriesListing(code) is { Count: > 1 } candidates
            ? FieldError.AmbiguousCode(code, candidates.Select(c => c.Code))
            : FieldError.NotInCatalogue(catalogue.Version);

    public static PointOfContact? ValidateContact(ContactForm? form, FieldErrors errors)
    {
        if (form is null)
        {
            errors.Add("contact", FieldError.Required);
            return null;
        }
        var name = Text(form.Name, "contact.name", MaxShortText, required: true, errors);
        if (!IsE164Mobile(form.Phone))
        {
            errors.Add("contact.phone", FieldError.NotAPhone);
        }
        var email = form.Email?.Trim() ?? "";
        if (!IsEmail(email))
        {
            errors.Add("contact.email", FieldError.NotAnEmail);
        }
        return new PointOfContact(name, form.Phone ?? "", email);
    }

    /// <summary>True for a valid number written exactly in E.164 (<c>+</c>, country code, number, no spaces).</summary>
    public static bool IsE164Mobile(string? phone)
    {
        if (string.IsNullOrEmpty(phone) || phone[0] != '+' || phone.Length > 16)
        {
            return false;
        }
        try
        {
            var number = Phones.Parse(phone, null);
            return Phones.IsValidNumber(number) && Phones.Format(number, PhoneNumberFormat.E164) == phone;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    private static bool IsEmail(string email) =>
        email.Length is > 2 and <= 254
        && MailAddress.TryCreate(email, out var address)
        && address.Address == email
        && address.Host.Contains('.', StringComparison.Ordinal);

    private static string Text(string? value, string field, int max, bool required, FieldErrors errors)
    {
        var text = value?.Trim() ?? "";
        if (required && text.Length == 0)
        {
            errors.Add(field, FieldError.Required);
        }
        else if (text.Length > max)
        {
            errors.Add(field, FieldError.TooLong(max));
        }
        return text;
    }
}
