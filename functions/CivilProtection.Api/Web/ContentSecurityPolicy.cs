using CivilProtection.Application.Situation;
using Microsoft.Extensions.Options;

namespace CivilProtection.Api.Web;

/// <summary>
/// The pages' Content-Security-Policy header, worked out once from the settings: this origin only, and for images also
/// the map tiles' origin when there are tiles (<see cref="MapOptions"/>). <c>index.html</c>'s meta policy names the
/// default tile server too; both apply, so a page loads only what both allow.
/// </summary>
public sealed class ContentSecurityPolicy(IOptions<MapOptions> map)
{
    public string Header { get; } = Of(map.Value.TileOrigin);

    public static string Of(string? tileOrigin) =>
        $"default-src 'self'; img-src 'self' data:{(tileOrigin is null ? "" : " " + tileOrigin)}; style-src 'self'; frame-ancestors 'none'";
}
