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
    public static string FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || !StringWithQualityHeaderValue.TryParseList([header], out var ranges))
        {
            return ProblemMessages.Fallback;
        }
        var best = ranges
            .Select((range, order) => (Language: Spoken(range.Value.Value), Weight: range.Quality ?? 1, Order: order))
            .Where(r => r.Language is not null && r.Weight > 0)
            .OrderByDescending(r => r.Weight)
            .ThenBy(r => r.Order)
            .FirstOrDefault();
        return best.Language ?? ProblemMessages.Fallback;
    }

    private static string? Spoken(string? tag)
    {
        if (tag == "*")
        {
            return ProblemMessages.Fallback;
        }
        var primary = tag?.Split('-')[0].ToLowerInvariant();
        return primary is not null && Catalogue.Languages.Contains(primary) ? primary : null;
    }
}
