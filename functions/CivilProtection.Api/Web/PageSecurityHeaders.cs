using Microsoft.AspNetCore.Http;

namespace CivilProtection.Api.Web;

/// <summary>
/// The security headers on every page file, said once: what may run and load (the Content-Security-Policy), no type
/// sniffing, no referrer outside this origin. index.html carries its own meta policy as defence in depth.
/// </summary>
public static class PageSecurityHeaders
{
    /// <param name="contentSecurityPolicy">Only this origin's files, inline only the page's own script (by its hash), the pages never framed, and the map tiles' origin (<see cref="ContentSecurityPolicy"/>).</param>
    public static void Apply(HttpResponse response, string contentSecurityPolicy)
    {
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers["Content-Security-Policy"] = contentSecurityPolicy;
        response.Headers["Referrer-Policy"] = "same-origin";
    }
}
