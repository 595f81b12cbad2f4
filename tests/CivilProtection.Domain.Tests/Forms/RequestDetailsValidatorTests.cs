using CivilProtection.Application.Forms;
using CivilProtection.Domain.Requests;
using CivilProtection.Application.Problems;

namespace CivilProtection.Domain.Tests.Forms;

/// <summary>The request form's rules: a valid form gives details, and every wrong field is named by its JSON path.</summary>
public sealed class RequestDetailsValidatorTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A valid form; each test breaks one field to prove one rule.</summary>
    private static RequestDetailsForm ValidForm() => new()
    {
        Incident = new IncidentForm
        {
            Type = "flood",
            Title = "  Crue de l'oued Sebou  ",
            Description = "Inondations majeures dans la plaine du Gharb ; 12 000 personnes évacuées.",
            Region = "Rabat-Salé-Kénitra",
            Place = "Sidi Kacem",
            Coordinates = new CoordinatesForm { Latitude = 34.22, Longitude = -5.71 },
        },
        Urgency = "life-safety",
        Capabilities =
        [
            new CapabilityForm { Code = "high-capacity-pumping", Quantity = 2, Notes = "Modules HCP avec autonomie 72 h" },
            new CapabilityForm { Code = "flood-rescue-boats", Quantity = 4 },
        ],
        NeededBy = new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(1)),
        Contact = new ContactForm { Name = "Youssef El Amrani", Phone = "+212612345678", Email = " y.elamrani@protectioncivile.ma " },
        Language = "fr",
    };

    /// <summary>One broken field each, with the JSON path its error must be keyed by.</summary>
    private static readonly Dictionary<string, (Action<RequestDetailsForm> Break, string Field)> Breakages = new(StringComparer.Ordinal)
    {
        ["no incident"] = (f => f.Incident = null, "incident"),
        ["no incident type"] = (f => f.Incident!.Type = null, "incident.type"),
        ["incident type outside the catalogue"] = (f => f.Incident!.Type = "tsunami", "incident.type"),
        ["incident type in the wrong case"] = (f => f.Incident!.Type = "Flood", "incident.type"),
        ["no title"] = (f => f.Incident!.Title = null, "incident.title"),
        ["blank title"] = (f => f.Incident!.Title = "   ", "incident.title"),
        ["title too long"] = (f => f.Incident!.Title = new string('t', RequestDetailsValidator.MaxTitle + 1), "incident.title"),
        ["no description"] = (f => f.Incident!.Description = "", "incident.description"),
        ["description too long"] = (f => f.Incident!.Description = new string('d', RequestDetailsValidator.MaxDescription + 1), "incident.description"),
        ["no region"] = (f => f.Incident!.Region = " ", "incident.region"),
        ["region too long"] = (f => f.Incident!.Region = new string('r', RequestDetailsValidator.MaxShortText + 1), "incident.region"),
        ["no place"] = (f => f.Incident!.Place = null, "incident.place"),
        ["place too long"] = (f => f.Incident!.Place = new string('p', RequestDetailsValidator.MaxShortText + 1), "incident.place"),
        ["latitude above 90"] = (f => f.Incident!.Coordinates!.Latitude = 90.5, "incident.coordinates.latitude"),
        ["latitude below -90"] = (f => f.Incident!.Coordinates!.Latitude = -91, "incident.coordinates.latitude"),
        ["latitude not a number"] = (f => f.Incident!.Coordinates!.Latitude = double.NaN, "incident.coordinates.latitude"),
        ["latitude missing"] = (f => f.Incident!.Coordinates!.Latitude = null, "incident.coordinates.latitude"),
        ["longitude above 180"] = (f => f.Incident!.Coordinates!.Longitude = 180.1, "incident.coordinates.longitude"),
        ["longitude below -180"] = (f => f.Incident!.Coordinates!.Longitude = -181, "incident.coordinates.longitude"),
        ["longitude infinite"] = (f => f.Incident!.Coordinates!.Longitude = double.PositiveInfinity, "incident.coordinates.longitude"),
        ["longitude missing"] = (f => f.Incident!.Coordinates!.Longitude = null, "incident.coordinates.longitude"),
        ["no urgency"] = (f => f.Urgency = null, "urgency"),
        ["urgency unknown"] = (f => f.Urgency = "critical", "urgency"),
        ["urgency in enum spelling"] = (f => f.Urgency = "LifeSafety", "urgency"),
        ["no capability list"] = (f => f.Capabilities = null, "capabilities"),
        ["empty capability list"] = (f => f.Capabilities = [], "capabilities"),
        ["an empty capability"] = (f => f.Capabilities![1] = null!, "capabilities[1]"),
        ["capability outside the catalogue"] = (f => f.Capabilities![1].Code = "submarine", "capabilities[1].code"),
        ["capability without code"] = (f => f.Capabilities![0].Code = null, "capabilities[0].code"),
        ["capability asked twice"] = (f => f.Capabilities![1].Code = "high-capacity-pumping", "capabilities[1].code"),
        ["capability without quantity"] = (f => f.Capabilities![0].Quantity = null, "capabilities[0].quantity"),
        ["capability quantity zero"] = (f => f.Capabilities![1].Quantity = 0, "capabilities[1].quantity"),
        ["capability quantity negative"] = (f => f.Capabilities![1].Quantity = -3, "capabilities[1].quantity"),
        ["capability quantity too large"] = (f => f.Capabilities![1].Quantity = RequestDetailsValidator.MaxQuantity + 1, "capabilities[1].quantity"),
        ["capability notes too long"] = (f => f.Capabilities![0].Notes = new string('n', RequestDetailsValidator.MaxNotes + 1), "capabilities[0].notes"),
        ["no needed-by"] = (f => f.NeededBy = null, "neededBy"),
        ["needed-by in the past beyond the clock tolerance"] = (f => f.NeededBy = Now.AddMinutes(-6), "neededBy"),
        ["needed-by more than a year away"] = (f => f.NeededBy = Now.AddYears(1).AddMinutes(1), "neededBy"),
        ["no contact"] = (f => f.Contact = null, "contact"),
        ["no contact name"] = (f => f.Contact!.Name = "  ", "contact.name"),
        ["contact name too long"] = (f => f.Contact!.Name = new string('n', RequestDetailsValidator.MaxShortText + 1), "contact.name"),
        ["no phone"] = (f => f.Contact!.Phone = null, "contact.phone"),
        ["phone in national form"] = (f => f.Contact!.Phone = "0612345678", "contact.phone"),
        ["phone with spaces"] = (f => f.Contact!.Phone = "+33 6 12 34 56 78", "contact.phone"),
        ["phone with one space"] = (f => f.Contact!.Phone = "+212 612345678", "contact.phone"),
        ["phone in an unknown country"] = (f => f.Contact!.Phone = "+999123", "contact.phone"),
        ["no e-mail"] = (f => f.Contact!.Email = null, "contact.email"),
        ["e-mail without at sign"] = (f => f.Contact!.Email = "y.elamrani.protectioncivile.ma", "contact.email"),
        ["e-mail with a display name"] = (f => f.Contact!.Email = "Youssef <y.elamrani@protectioncivile.ma>", "contact.email"),
        ["e-mail on a host without a dot"] = (f => f.Contact!.Email = "youssef@localhost", "contact.email"),
        ["no language"] = (f => f.Language = null, "language"),
        ["language outside the catalogue"] = (f => f.Language = "es", "language"),
        ["language in upper case"] = (f => f.Language = "FR", "language"),
    };

    public static TheoryData<string> BrokenFields => new(Breakages.Keys);

    [Fact]
    public void A_valid_form_gives_details_and_no_error()
    {
        var errors = new FieldErrors();

        var details = RequestDetailsValidator.Validate(ValidForm(), Now, errors);

        Assert.Empty(errors.ToDictionary());
        Assert.False(errors.Any);
        Assert.NotNull(details);
        Assert.Equal(new Incident("flood", "Crue de l'oued Sebou", "Inondations majeures dans la plaine du Gharb ; 12 000 personnes évacuées.", "Rabat-Salé-Kénitra", "Sidi Kacem", new Coordinates(34.22, -5.71)), details.Incident);
        Assert.Equal(Urgency.LifeSafety, details.Urgency);
        Assert.Equal([new RequestedCapability("high-capacity-pumping", 2, "Modules HCP avec autonomie 72 h"), new RequestedCapability("flood-rescue-boats", 4, null)], details.Capabilities);
        Assert.Equal(new PointOfContact("Youssef El Amrani", "+212612345678", "y.elamrani@protectioncivile.ma"), details.Contact);
        Assert.Equal("fr", details.Language);
    }

    [Fact]
    public void The_needed_by_time_is_kept_as_the_same_instant_in_utc()
    {
        var details = RequestDetailsValidator.Validate(ValidForm(), Now, new FieldErrors());

        Assert.NotNull(details);
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 8, 0, 0, TimeSpan.Zero), details.NeededBy);
        Assert.Equal(TimeSpan.Zero, details.NeededBy.Offset);
    }

    [Fact]
    public void A_form_without_coordinates_is_valid()
    {
        var form = ValidForm();
        form.Incident!.Coordinates = null;

        var details = RequestDetailsValidator.Validate(form, Now, new FieldErrors());

        Assert.NotNull(details);
        Assert.Null(details.Incident.Coordinates);
    }

    [Theory]
    [MemberData(nameof(BrokenFields))]
    public void A_wrong_field_is_reported_under_its_json_path_and_gives_no_details(string breakage)
    {
        var (breakField, field) = Breakages[breakage];
        var form = ValidForm();
        breakField(form);
        var errors = new FieldErrors();

        var details = RequestDetailsValidator.Validate(form, Now, errors);

        Assert.Null(details);
        var reported = errors.ToDictionary();
        Assert.Equal([field], reported.Keys);
        Assert.All(reported[field], error => Assert.False(string.IsNullOrWhiteSpace(ProblemMessages.Field(error, "en"))));
    }

    [Fact]
    public void More_capabilities_than_the_maximum_are_refused()
    {
        var form = ValidForm();
        form.Capabilities = Enumerable.Range(0, RequestDetailsValidator.MaxCapabilities + 1)
            .Select(i => new CapabilityForm { Code = Catalogue.Capabilities[i % Catalogue.Capabilities.Count], Quantity = 1 })
            .ToList();
        var errors = new FieldErrors();

        Assert.Null(RequestDetailsValidator.Validate(form, Now, errors));
        Assert.Contains("capabilities", errors.ToDictionary().Keys);
    }

    [Fact]
    public void Only_the_later_of_two_identical_capabilities_is_reported()
    {
        var form = ValidForm();
        form.Capabilities!.Add(new CapabilityForm { Code = "flood-rescue-boats", Quantity = 1 });
        var errors = new FieldErrors();

        RequestDetailsValidator.Validate(form, Now, errors);

        Assert.Equal(["capabilities[2].code"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void Every_wrong_field_is_reported_at_once()
    {
        var form = new RequestDetailsForm
        {
            Incident = new IncidentForm { Type = "tsunami", Coordinates = new CoordinatesForm { Latitude = 100, Longitude = 200 } },
            Urgency = "soon",
            Capabilities = [new CapabilityForm { Code = "submarine", Quantity = 0, Notes = new string('n', RequestDetailsValidator.MaxNotes + 1) }],
            NeededBy = Now.AddDays(-1),
            Contact = new ContactForm { Phone = "0612345678", Email = "nobody" },
            Language = "de",
        };
        var errors = new FieldErrors();

        var details = RequestDetailsValidator.Validate(form, Now, errors);

        Assert.Null(details);
        Assert.Equal(
            new[]
            {
                "capabilities[0].code", "capabilities[0].notes", "capabilities[0].quantity",
                "contact.email", "contact.name", "contact.phone",
                "incident.coordinates.latitude", "incident.coordinates.longitude", "incident.description", "incident.place", "incident.region", "incident.title", "incident.type",
                "language", "neededBy", "urgency",
            },
            errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_empty_form_names_each_missing_part()
    {
        var errors = new FieldErrors();

        Assert.Null(RequestDetailsValidator.Validate(new RequestDetailsForm(), Now, errors));

        Assert.Equal(
            new[] { "capabilities", "contact", "incident", "language", "neededBy", "urgency" },
            errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Texts_at_their_maximum_length_are_accepted()
    {
        var form = ValidForm();
        form.Incident!.Title = new string('t', RequestDetailsValidator.MaxTitle);
        form.Incident.Description = new string('d', RequestDetailsValidator.MaxDescription);
        form.Incident.Region = new string('r', RequestDetailsValidator.MaxShortText);
        form.Incident.Place = new string('p', RequestDetailsValidator.MaxShortText);
        form.Capabilities![0].Notes = new string('n', RequestDetailsValidator.MaxNotes);
        form.Contact!.Name = new string('c', RequestDetailsValidator.MaxShortText);
        var errors = new FieldErrors();

        Assert.NotNull(RequestDetailsValidator.Validate(form, Now, errors));
        Assert.Empty(errors.ToDictionary());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(RequestDetailsValidator.MaxQuantity)]
    public void Quantities_at_the_bounds_are_accepted(int quantity)
    {
        var form = ValidForm();
        form.Capabilities![0].Quantity = quantity;

        Assert.NotNull(RequestDetailsValidator.Validate(form, Now, new FieldErrors()));
    }

    [Theory]
    [InlineData(-90, -180)]
    [InlineData(90, 180)]
    [InlineData(0, 0)]
    public void Coordinates_at_the_bounds_are_accepted(double latitude, double longitude)
    {
        var form = ValidForm();
        form.Incident!.Coordinates = new CoordinatesForm { Latitude = latitude, Longitude = longitude };

        var details = RequestDetailsValidator.Validate(form, Now, new FieldErrors());

        Assert.NotNull(details);
        Assert.Equal(new Coordinates(latitude, longitude), details.Incident.Coordinates);
    }

    [Theory]
    [InlineData(-5 * 60)]
    [InlineData(-4 * 60)]
    [InlineData(0)]
    [InlineData(365 * 24 * 60 * 60)]
    public void A_needed_by_within_the_clock_tolerance_or_up_to_a_year_away_is_accepted(int secondsFromNow)
    {
        var form = ValidForm();
        form.NeededBy = Now.AddSeconds(secondsFromNow);

        Assert.NotNull(RequestDetailsValidator.Validate(form, Now, new FieldErrors()));
    }

    [Theory]
    [InlineData("+212612345678")]
    [InlineData("+33612345678")]
    public void A_mobile_number_written_in_e164_is_accepted(string phone)
    {
        Assert.True(RequestDetailsValidator.IsE164Mobile(phone));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0612345678")]
    [InlineData("+33 6 12 34 56 78")]
    [InlineData("+33-6-12-34-56-78")]
    [InlineData("+33 612345678")]
    [InlineData("+212 612-345678")]
    [InlineData("+33(6)12345678")]
    [InlineData("+330612345678")]
    [InlineData("++33612345678")]
    [InlineData("+33612345678 ")]
    [InlineData("00212612345678")]
    [InlineData("+999123")]
    [InlineData("+3361234")]
    [InlineData("+2126123456789012345")]
    [InlineData("+")]
    public void A_number_not_written_exactly_in_e164_or_not_valid_is_refused(string? phone)
    {
        Assert.False(RequestDetailsValidator.IsE164Mobile(phone));
    }

    [Fact]
    public void Errors_keep_every_message_given_for_a_field()
    {
        var errors = new FieldErrors();

        errors.Add("capabilities", FieldError.TooFew(1));
        errors.Add("capabilities", FieldError.Duplicate);

        Assert.True(errors.Any);
        Assert.Equal([FieldErrorCode.TooFew, FieldErrorCode.Duplicate], errors.ToDictionary()["capabilities"].Select(e => e.Code));
    }

    [Fact]
    public void A_rejected_form_carries_its_errors_by_field()
    {
        var rejected = new FormRejectedException("comment", FieldError.ReasonRequired);

        Assert.Equal([FieldError.ReasonRequired], Assert.Single(rejected.Errors, e => e.Key == "comment").Value);
    }

    [Fact]
    public void A_form_with_only_legacy_codes_keeps_them_under_the_legacy_version()
    {
        var details = RequestDetailsValidator.Validate(ValidForm(), Now, new FieldErrors(), out var version);
        Assert.Equal("legacy-1", version);
        Assert.Equal(["high-capacity-pumping", "flood-rescue-boats"], details!.Capabilities.Select(c => c.Code));
    }

    [Fact]
    public void A_form_with_current_codes_is_filed_under_the_current_version_and_its_legacy_codes_are_replaced()
    {
        var form = ValidForm();
        form.Capabilities = [new CapabilityForm { Code = "MUSAR", Quantity = 1 }, new CapabilityForm { Code = "high-capacity-pumping", Quantity = 2 }];
        var details = RequestDetailsValidator.Validate(form, Now, new FieldErrors(), out var version);
        Assert.Equal(CatalogueVersions.Current.Version, version);
        Assert.Equal(["MUSAR", "HCP"], details!.Capabilities.Select(c => c.Code));
    }

    [Fact]
    public void A_legacy_code_and_the_type_that_replaced_it_are_the_same_capability_asked_twice()
    {
        var form = ValidForm();
        form.Capabilities = [new CapabilityForm { Code = "HCP", Quantity = 1 }, new CapabilityForm { Code = "high-capacity-pumping", Quantity = 2 }];
        var errors = new FieldErrors();
        Assert.Null(RequestDetailsValidator.Validate(form, Now, errors, out _));
        Assert.Equal(["capabilities[1].code"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void A_legacy_code_that_stands_for_several_current_types_is_refused_naming_them_and_an_unknown_code_too()
    {
        var form = ValidForm();
        form.Capabilities =
        [
            new CapabilityForm { Code = "WP", Quantity = 1 },
            new CapabilityForm { Code = "urban-search-and-rescue", Quantity = 1 },
            new CapabilityForm { Code = "hcp", Quantity = 1 },
        ];
        var errors = new FieldErrors();
        Assert.Null(RequestDetailsValidator.Validate(form, Now, errors, out _));
        var found = errors.ToDictionary();
        Assert.Equal(["capabilities[1].code", "capabilities[2].code"], found.Keys.Order(StringComparer.Ordinal));
        var ambiguous = found["capabilities[1].code"].Single();
        Assert.Equal(FieldErrorCode.AmbiguousCode, ambiguous.Code);
        Assert.Contains("MUSAR, HUSAR", ambiguous.Arguments["choices"], StringComparison.Ordinal);
    }
}
