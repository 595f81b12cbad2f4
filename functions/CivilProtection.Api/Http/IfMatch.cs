using Microsoft.AspNetCore.Http;

namespace CivilProtection.Api.Http;

/// <summary>The version a caller read, as the <c>If-Match</c> header sends it (an alternative to a body's <c>version</c>).</summary>
public static class IfMatch
{
    /// <summary>The header's version; null when absent or <c>*</c> (which names no version, so cannot guard a replacement).</summary>
    public static string? VersionOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.IfMatch.FirstOrDefault() is { Length: > 0 } ifMatch && ifMatch != "*" ? ifMatch : null;
    }
}
