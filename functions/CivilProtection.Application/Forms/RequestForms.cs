namespace CivilProtection.Application.Forms;

/// <summary>The part of the request form a requester fills in, as posted (every field may be missing or wrong).</summary>
public class RequestDetailsForm
{
    public IncidentForm? Incident { get; set; }
    public string? Urgency { get; set; }
    public List<CapabilityForm>? Capabilities { get; set; }
    public DateTimeOffset? NeededBy { get; set; }
    public ContactForm? Contact { get; set; }
    public string? Language { get; set; }
}

/// <summary>The body of <c>POST /api/requests</c>.</summary>
public sealed class RequestForm : RequestDetailsForm
{
    /// <summary>Optional: the caller's own authority is used when it is left out, and nothing else is accepted.</summary>
    public string? RequestingAuthorityId { get; set; }

    /// <summary>The one authority asked through the two-sided route (its stages on both sides).</summary>
    public string? AssistingAuthorityId { get; set; }

    /// <summary>The partners asked for offers: the requesting side validates, then each prepares its own offer.</summary>
    public List<string>? AssistingAuthorityIds { get; set; }

    /// <summary>Ask every active partner of the requesting authority for offers.</summary>
    public bool? AllPartners { get; set; }

    /// <summary>For a request to partners, optional: the deadline for offers (none is taken after it).</summary>
    public DateTimeOffset? OffersBy { get; set; }
}

/// <summary>The body of <c>POST /api/requests/{id}/resubmission</c>: the amended details and what was changed.</summary>
public sealed class ResubmissionForm : RequestDetailsForm
{
    public string? Comment { get; set; }
}

/// <summary>The body of <c>POST /api/requests/{id}/decisions</c>.</summary>
public sealed class DecisionForm
{
    /// <summary><c>approve</c>, <c>reject</c> or <c>return</c>.</summary>
    public string? Decision { get; set; }
    public string? Comment { get; set; }

    /// <summary>Optional: the version the approver looked at; a decision on a request that changed since is refused.</summary>
    public int? Version { get; set; }
}

/// <summary>The body of <c>POST /api/requests/{id}/cancellation</c>.</summary>
public sealed class CancellationForm
{
    public string? Comment { get; set; }
}

public sealed class IncidentForm
{
    public string? Type { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Region { get; set; }
    public string? Place { get; set; }
    public CoordinatesForm? Coordinates { get; set; }
}

public sealed class CoordinatesForm
{
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
}

public sealed class CapabilityForm
{
    public string? Code { get; set; }
    public int? Quantity { get; set; }
    public string? Notes { get; set; }
}

public sealed class ContactForm
{
    public string? Name { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
}
