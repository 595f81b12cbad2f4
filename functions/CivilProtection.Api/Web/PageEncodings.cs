using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CivilProtection.Api.Web;

/// <summary>
/// Which of a page file's copies to send: the build (tools/build-web.mjs) writes a Brotli <c>.br</c> and a gzip
/// <c>.gz</c> beside each text file; the browser's Accept-Encoding picks one, Brotli first as the smaller.
/// </summary>
internal static class PageEncodings
{
    private static readonly (string Name, string Suffix)[] ByPreference = [("br", ".br"), ("gzip", ".gz")];

    /// <summary>The encoding and its file, or (null, <paramref name="path"/>) for the file itself; and whether copies exist.</summary>
    public static (string? Encoding, string Path, bool HasCopies) Choose(HttpRequest request, string path)
    {
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        var hasCopies = false;
        foreach (var (name, suffix) in ByPreference)
        {
            var copy = path + suffix;
            if (!File.Exists(copy))
            {
                continue;
            }
            hasCopies = true;
            if (Accepts(accepted, name))
            {
                return (name, copy, true);
            }
        }
        return (null, path, hasCopies);
    }

    private static bool Accepts(IList<StringWithQualityHeaderValue> accepted, string encoding)
    {
        var named = accepted.FirstOrDefault(a => string.Equals(a.Value.Value, encoding, StringComparison.OrdinalIgnoreCase))
            ?? accepted.FirstOrDefault(a => a.Value.Value == "*");
        return named is not null && (named.Quality ?? 1) > 0;
    }
}
