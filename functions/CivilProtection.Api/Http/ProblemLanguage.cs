using CivilProtection.Application.Problems;
using CivilProtection.Domain.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CivilProtection.Api.Http;

/// <summary>The language a caller reads problems in: the best of fr, en and ar its <c>Accept-Language</c> takes, else English.</summary>
public static class ProblemLanguage
{
    public static string Of(HttpRequest request) => FromAcceptLanguage(request.Headers.AcceptLanguage.ToString());

    /// <summary>The highest-weighted language we speak (<c>fr-FR</c> counts as <c>fr</c>, <c>*</c> as the fallback); ties go to the first named.</summary>
    public static string FromAcceptLanguage(string? header) =>
        Ranked(header).Select(tag => tag == "*" ? ProblemMessages.Fallback : tag).FirstOrDefault(Catalogue.Languages.Contains) ?? ProblemMessages.Fallback;

    /// <summary>The first language we speak that the header names (no <c>*</c>), or null: what a browser's <c>navigator.languages</c> would pick.</summary>
    public static string? NamedIn(string? header) => Ranked(header).FirstOrDefault(Catalogue.Languages.Contains);

    // The primary subtags of the header's ranges, lowercase, best first (by weight, then in the order named).
    private static IEnumerable<string> Ranked(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || !StringWithQualityHeaderValue.TryParseList([header], out var ranges))
        {
            return [];
        }
        return ranges
            .Select((range, order) => (Tag: range.Value.Value?.Split('-')[0].ToLowerInvariant(), Weight: range.Quality ?? 1, Order: order))
            .Where(r => r.Tag is { Length: > 0 } && r.Weight > 0)
            .OrderByDescending(r => r.Weight)
            .ThenBy(r => r.Order)
            .Select(r => r.Tag!);
    }
}
