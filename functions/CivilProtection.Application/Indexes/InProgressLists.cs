using CivilProtection.Application.Requests;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Indexes;

/// <summary>An authority's requests in progress, newest filing first, read from the list's own range of them.</summary>
public static class InProgressLists
{
    private static readonly RequestListFilter InProgress = new([.. RequestStatuses.InProgress.Select(WireNames.Of)]);

    /// <summary>Pages of the list until <paramref name="max"/> entries or the end (a page may take it a little past).</summary>
    public static async Task<List<RequestListEntry>> InProgressAsync(this IRequestIndex index, string authorityId, int max, CancellationToken cancellationToken)
    {
        var entries = new List<RequestListEntry>();
        string? after = null;
        do
        {
            var page = await index.ListAsync(authorityId, InProgress, after, RequestListing.MaxPageSize, cancellationToken);
            entries.AddRange(page.Entries);
            after = page.After;
        }
        while (after is not null && entries.Count < max);
        return entries;
    }
}
