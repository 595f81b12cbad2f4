using System.Text.Json.Serialization;

namespace CivilProtection.Domain.Requests;

/// <summary>What a request asks for: the part a requester fills in and may amend when it is returned.</summary>
public sealed record RequestDetails(
    Incident Incident,
    Urgency Urgency,
    IReadOnlyList<RequestedCapability> Capabilities,
    DateTimeOffset NeededBy,
    PointOfContact Contact,
    string Language);

/// <summary>The incident assistance is asked for.</summary>
public sealed record Incident(string Type, string Title, string Description, string Region, string Place, Coordinates? Coordinates);

/// <summary>WGS 84 coordinates of the incident.</summary>
public sealed record Coordinates(double Latitude, double Longitude);

/// <summary>A capability from the catalogue, how many, and what the requester wants the assisting side to know.</summary>
public sealed record RequestedCapability(string Code, int Quantity, string? Notes)
{
    /// <summary>
    /// Null for a code of our catalogue. For a type a partner's system asked for from a value list we do not know (an
    /// EDXL-RM import), that list's URN: <see cref="Code"/> is then the partner's value, kept as typed free text.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ValueListUrn { get; init; }
}

/// <summary>Who the assisting side calls about the request.</summary>
public sealed record PointOfContact(string Name, string Phone, string Email);
