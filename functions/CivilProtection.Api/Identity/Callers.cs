using CivilProtection.Application.Directory;
using CivilProtection.Application.Identity;
using Microsoft.AspNetCore.Http;

namespace CivilProtection.Api.Identity;

/// <summary>
/// Resolves the caller of each call: a source says who signed in, the directory says their authority and
/// roles. An unknown user is nobody: the directory, not the sign-in, decides what a person may do.
/// </summary>
public sealed class Callers(IEnumerable<ICallerSource> sources, IDirectory directory)
{
    private readonly IReadOnlyList<ICallerSource> _sources = sources.ToList();

    public async Task<Caller?> FindAsync(HttpContext http, CancellationToken cancellationToken)
    {
        foreach (var source in _sources)
        {
            if (source.FindUserId(http) is { Length: > 0 } userId)
            {
                var user = await directory.FindUserAsync(userId, cancellationToken);
                return user?.AsCaller();
            }
        }
        return null;
    }
}
