using Microsoft.Extensions.Options;

namespace CivilProtection.Application.Interop;

/// <summary>Where the host finds the EDXL-RM 1.0 schemas (<c>CivilProtection:EdxlRm</c>).</summary>
public sealed class EdxlRmOptions
{
    public const string SectionName = "CivilProtection:EdxlRm";

    /// <summary>
    /// The folder holding <c>EDXL-RM*.xsd</c> (with <c>../../xlink</c> beside it, as in <c>../shared/standards</c>). Left
    /// out, the host looks beside the checkout it runs from; a deployment without the schemas cannot import (503).
    /// </summary>
    public string? SchemaFolder { get; set; }
}

/// <summary>The compiled schemas, compiled on first use (a host that never imports never reads them).</summary>
public sealed class EdxlRmSchemaSource(IOptions<EdxlRmOptions> options)
{
    private readonly Lazy<EdxlRmSchemas?> _schemas = new(() =>
        (options.Value.SchemaFolder ?? EdxlRmSchemas.FindBesideRepository(AppContext.BaseDirectory)) is { } folder && System.IO.Directory.Exists(folder)
            ? EdxlRmSchemas.Compile(folder)
            : null);

    /// <summary>The schemas, or <see cref="EdxlRmUnavailableException"/> when this host has none.</summary>
    public EdxlRmSchemas Get() => _schemas.Value ?? throw new EdxlRmUnavailableException(
        "This host has no EDXL-RM 1.0 schemas to validate messages against (set CivilProtection:EdxlRm:SchemaFolder); nothing was stored.");
}

/// <summary>The host cannot validate EDXL-RM messages, so it takes none.</summary>
public sealed class EdxlRmUnavailableException(string message) : Exception(message);
