using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace CivilProtection.Api.Web;

/// <summary>
/// Serves the pages in <c>web/</c> beside the app, for both hosts (the Functions app has no static-file
/// middleware). Paths are resolved under the web root only; anything else is 404. The files are the build's
/// (tools/build-web.mjs): bundles named by their content, kept a year; the rest revalidated against an entity tag;
/// each sent precompressed when the browser accepts it.
/// </summary>
public static partial class WebFiles
{
    /// <summary>A year, the longest a browser is asked to keep a file; the file's name changes with its content.</summary>
    public const string ForeverCache = "public, max-age=31536000, immutable";

    private const string IndexPage = "index.html";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private static readonly string Root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "web"));

    /// <summary>The page every route of the pages starts from.</summary>
    public static string IndexFile { get; } = Path.Combine(Root, IndexPage);

    /// <summary><c>GET /{*path}</c>: the file, or <c>index.html</c> for the root.</summary>
    public static IResult Serve(HttpContext http, string? path)
    {
        var relative = string.IsNullOrEmpty(path) ? IndexPage : path;
        var full = Path.GetFullPath(Path.Combine(Root, relative));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return Results.NotFound();
        }
        if (!ContentTypes.TryGetContentType(full, out var contentType))
        {
            contentType = "application/octet-stream";
        }
        var (encoding, served, hasCopies) = PageEncodings.Choose(http.Request, full);
        var response = http.Response;
        // A bundle's name holds a hash of its content, so it never changes under that name; everything else
        // (index.html, which names the bundles, and the dictionaries) is asked about each time, cheaply by its tag.
        response.Headers.CacheControl = IsFingerprinted(full) ? ForeverCache : "no-cache";
        if (hasCopies)
        {
            response.Headers.Vary = HeaderNames.AcceptEncoding;
        }
        if (encoding is not null)
        {
            response.Headers.ContentEncoding = encoding;
        }
        if (relative == IndexPage)
        {
            PagePreloads.Apply(http.Request, response);
        }
        PageSecurityHeaders.Apply(response, http.RequestServices.GetRequiredService<ContentSecurityPolicy>().Header);
        // One tag per copy: a gzip body must not be taken for the Brotli one by a cache between.
        var tag = PageFileVersions.Of(full) + (encoding is null ? "" : "-" + encoding);
        return Results.File(served, contentType, entityTag: new EntityTagHeaderValue($"\"{tag}\""), enableRangeProcessing: false);
    }

    /// <summary>Whether the build named the file by its content (<c>app.WNN7XCLG.js</c>: eight capitals or digits before the extension).</summary>
    public static bool IsFingerprinted(string path) => Fingerprint().IsMatch(Path.GetFileName(path));

    [GeneratedRegex(@"^[^.]+\.[A-Z0-9]{8}\.[a-z0-9]+$")]
    private static partial Regex Fingerprint();
}
