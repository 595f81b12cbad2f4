using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CivilProtection.Api.Web;

/// <summary>
/// The scripts the build wrote into <c>index.html</c> (early.js, which starts the first reads before any file could
/// arrive), as Content-Security-Policy hash sources: the policy lets in those scripts, to the byte, and no other inline
/// script. Read from the page being served, so the header cannot name another build's script.
/// </summary>
public static partial class PageScripts
{
    /// <summary>The <c>'sha256-…'</c> source of each inline script of the page at <paramref name="indexFile"/>; none when it is missing.</summary>
    public static IReadOnlyList<string> InlineHashes(string indexFile) =>
        File.Exists(indexFile) ? InlineHashesOf(File.ReadAllText(indexFile, Encoding.UTF8)) : [];

    public static IReadOnlyList<string> InlineHashesOf(string html) =>
        InlineScript().Matches(html)
            .Select(match => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(match.Groups[1].Value)))}'")
            .ToList();

    // A <script> without a src: its text is what the browser hashes.
    [GeneratedRegex(@"<script\b(?![^>]*\bsrc=)[^>]*>(.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
