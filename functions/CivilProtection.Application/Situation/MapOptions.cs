namespace CivilProtection.Application.Situation;

/// <summary>
/// Where the pages' maps take their background from (section <c>CivilProtection:Map</c>). OpenStreetMap's tiles by
/// default; an empty <see cref="TileUrl"/> draws no background (the markers and the list of places still show), for
/// networks that reach no tile server.
/// </summary>
public sealed class MapOptions
{
    public const string SectionName = "CivilProtection:Map";

    /// <summary>
    /// An https URL template with <c>{z}</c>, <c>{x}</c> and <c>{y}</c> (Leaflet's form) on one host (no <c>{s}</c>: the
    /// Content-Security-Policy names that one origin); empty for no tiles.
    /// </summary>
    public string? TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    /// <summary>The credit the tile server's licence asks for, shown on the map.</summary>
    public string? Attribution { get; set; } = "© OpenStreetMap contributors";

    /// <summary>The tiles' origin (scheme, host, port) for the pages' Content-Security-Policy; null without tiles.</summary>
    public string? TileOrigin =>
        string.IsNullOrWhiteSpace(TileUrl) ? null
        : Uri.TryCreate(TileUrl, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority)
        : null;

    /// <summary>Whether the settings make sense: no tiles, or an https template with its three placeholders.</summary>
    public bool IsValid =>
        string.IsNullOrWhiteSpace(TileUrl)
        || (TileUrl.StartsWith("https://", StringComparison.Ordinal) && TileOrigin is not null
            && TileUrl.Contains("{z}", StringComparison.Ordinal) && TileUrl.Contains("{x}", StringComparison.Ordinal) && TileUrl.Contains("{y}", StringComparison.Ordinal));
}
