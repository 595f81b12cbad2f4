using System.Xml.Linq;

namespace CivilProtection.Application.Interop;

/// <summary>The XML namespaces EDXL-RM 1.0 messages are written in, and the message kinds this system speaks.</summary>
public static class EdxlRmNames
{
    /// <summary>The namespace of the sixteen message elements and the children each message schema declares itself.</summary>
    public static readonly XNamespace Msg = "urn:oasis:names:tc:emergency:EDXL:RM:1.0:msg";

    /// <summary>The namespace of the common types' children (ValueListURN, ContactRole, Quantity's parts…).</summary>
    public static readonly XNamespace Rm = "urn:oasis:names:tc:emergency:EDXL:RM:1.0";

    public static readonly XNamespace Xpil = "urn:oasis:names:tc:ciq:xpil:3";
    public static readonly XNamespace Xnl = "urn:oasis:names:tc:ciq:xnl:3";
    public static readonly XNamespace Xal = "urn:oasis:names:tc:ciq:xal:3";
    public static readonly XNamespace Gml = "http://www.opengis.net/gml";

    /// <summary>Our own wrapper around the messages of one export, and the value list document (schema: EdxlRmExport.xsd).</summary>
    public static readonly XNamespace Export = "urn:x-civil-protection:edxl-rm-export:1";
}

/// <summary>The EDXL-RM message kinds the export writes or the import reads; the name is the root element's and the MessageContentType.</summary>
public enum EdxlRmMessageKind
{
    RequestResource,
    ResponseToRequestResource,
    OfferUnsolicitedResource,
    CommitResource,
    RequestInformation,
    ResponseToRequestInformation,
    ReportResourceDeploymentStatus,
    ReleaseResource,
    RequestReturn,
}

/// <summary>
/// The value lists our messages use (each <c>ValueListURN</c>): the capability catalogue, one list per version, so a
/// partner can map our codes to its own; and the words of our model EDXL-RM has no element for.
/// </summary>
public static class EdxlRmValueLists
{
    private const string Prefix = "urn:x-civil-protection:";

    /// <summary>The capability catalogue of <paramref name="version"/> (e.g. <c>eu-2025-704/1</c>).</summary>
    public static string Catalogue(string version) => $"{Prefix}capability-catalogue:{version}";

    /// <summary>The catalogue version a value list URN names, or null when the list is not one of ours.</summary>
    public static string? CatalogueVersionOf(string urn) =>
        urn.StartsWith($"{Prefix}capability-catalogue:", StringComparison.Ordinal) ? urn[$"{Prefix}capability-catalogue:".Length..] : null;

    public const string IncidentType = Prefix + "incident-type";
    public const string Urgency = Prefix + "urgency";
    public const string Language = Prefix + "language";
    public const string Unit = Prefix + "unit";
    public const string SelfSufficient = Prefix + "self-sufficient";

    /// <summary>Our deployment statuses (<c>mobilising</c> … <c>returned</c>): EDXL-RM's DeploymentStatus is a value list the standard leaves open.</summary>
    public const string DeploymentStatus = Prefix + "deployment-status";

    /// <summary>ISO 4217 currency codes, for a price quote's unit.</summary>
    public const string Currency = "urn:iso:std:iso:4217";
}
