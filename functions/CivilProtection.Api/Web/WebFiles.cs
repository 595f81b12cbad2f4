using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;

namespace CivilProtection.Api.Web;

/// <summary>
/// Serves the pages in <c>web/</c> beside the app, for both hosts (the Functions app has no static-file
/// middleware). Paths are resolved under the web root only; anything else is 404.
/// </summary>
public static class WebFiles
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private static readonly string Root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "web"));

    /// <summary><c>GET /{*path}</c>: the file, or <c>index.html</c> for the root.</summary>
    public static IResult Serve(HttpContext http, string? path)
    {
        var relative = string.IsNullOrEmpty(path) ? "index.html" : path;
        var full = Path.GetFullPath(Path.Combine(Root, relative));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return Results.NotFound();
        }
        if (!ContentTypes.TryGetContentType(full, out var contentType))
        {
            contentType = "application/octet-stream";
        }
        // Pages change with each deployment and are small: always revalidate rather than serve a stale script.
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        http.Response.Headers["Content-Security-Policy"] = http.RequestServices.GetRequiredService<ContentSecurityPolicy>().Header;
        http.Response.Headers["Referrer-Policy"] = "same-origin";
        return Results.File(full, contentType, enableRangeProcessing: false);
    }
}
