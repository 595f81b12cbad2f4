using CivilProtection.Application.Situation;
using Microsoft.Extensions.Options;

namespace CivilProtection.Api.Web;

/// <summary>
/// The pages' Content-Security-Policy header, worked out once from the settings and the page: this origin only, for
/// scripts also the page's own inline script by its hash (<see cref="PageScripts"/>), and for images also the map
/// tiles' origin when there are tiles (<see cref="MapOptions"/>). <c>index.html</c>'s meta policy names the same
/// script hash and the default tile server; both apply, so a page loads only what both allow.
/// </summary>
public sealed class ContentSecurityPolicy(IOptions<MapOptions> map)
{
    public string Header { get; } = Of(map.Value.TileOrigin, PageScripts.InlineHashes(WebFiles.IndexFile));

    public static string Of(string? tileOrigin, IReadOnlyList<string> scriptHashes) =>
        $"default-src 'self'; script-src 'self'{string.Concat(scriptHashes.Select(hash => " " + hash))}; " +
        $"img-src 'self' data:{(tileOrigin is null ? "" : " " + tileOrigin)}; style-src 'self'; frame-ancestors 'none'";
}
