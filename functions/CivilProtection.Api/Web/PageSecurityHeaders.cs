using Microsoft.AspNetCore.Http;

namespace CivilProtection.Api.Web;

/// <summary>
/// The security headers on every page file, said once: what may run and load (the Content-Security-Policy), no type
/// sniffing, no referrer outside this origin. index.html carries its own meta policy as defence in depth.
/// </summary>
public static class PageSecurityHeaders
{
    /// <summary>Only this origin's files, nothing inline, and the pages never framed.</summary>
    public const string ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'";

    public static void Apply(HttpResponse response)
    {
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers["Content-Security-Policy"] = ContentSecurityPolicy;
        response.Headers["Referrer-Policy"] = "same-origin";
    }
}
