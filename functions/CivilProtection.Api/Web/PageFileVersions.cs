using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace CivilProtection.Api.Web;

/// <summary>
/// A page file's entity tag, from a hash of its bytes, so a browser revalidating index.html or a dictionary gets a
/// 304 unless a deployment changed it. Computed once per file (and again only if the file is rewritten).
/// </summary>
internal static class PageFileVersions
{
    private static readonly ConcurrentDictionary<string, (DateTime Written, string Tag)> Tags = new(StringComparer.Ordinal);

    /// <summary>The tag of <paramref name="path"/>'s bytes, without quotes.</summary>
    public static string Of(string path)
    {
        var written = File.GetLastWriteTimeUtc(path);
        if (Tags.TryGetValue(path, out var known) && known.Written == written)
        {
            return known.Tag;
        }
        using var file = File.OpenRead(path);
        var tag = Convert.ToHexStringLower(SHA256.HashData(file))[..16];
        Tags[path] = (written, tag);
        return tag;
    }
}
