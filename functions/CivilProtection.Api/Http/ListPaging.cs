using Microsoft.AspNetCore.Http;

namespace CivilProtection.Api.Http;

/// <summary>RFC 8288 paging of a list route: the next page is the same URL, its query kept, with the continuation the page gave.</summary>
internal static class ListPaging
{
    public const string ContinuationParameter = "continuation";

    public static void LinkNext(HttpContext http, string? continuation)
    {
        if (continuation is null)
        {
            return;
        }
        var kept = http.Request.Query.Where(p => p.Key != ContinuationParameter)
            .SelectMany(p => p.Value.Select(value => KeyValuePair.Create(p.Key, value)))
            .Append(KeyValuePair.Create(ContinuationParameter, (string?)continuation));
        var next = $"{http.Request.PathBase}{http.Request.Path}{QueryString.Create(kept)}";
        http.Response.Headers.Append("Link", $"<{next}>; rel=\"next\"");
    }
}
