using Azure;
using Azure.Data.Tables;
using CivilProtection.Application.Requests;

namespace CivilProtection.Infrastructure.Tables;

/// <summary>A row an administrator edits from a page: added when new, replaced only while still the version read.</summary>
internal static class VersionedRow
{
    /// <summary>Writes <paramref name="entity"/>; answers its new version (the ETag). A race or a stale version is <see cref="ConcurrentChangeException"/> naming <paramref name="what"/>.</summary>
    public static async Task<string> SaveAsync(TableClient table, TableEntity entity, string? expectedVersion, string what, CancellationToken cancellationToken)
    {
        try
        {
            var response = expectedVersion is null
                ? await table.AddEntityAsync(entity, cancellationToken)
                : await table.UpdateEntityAsync(entity, new ETag(expectedVersion), TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag?.ToString() ?? "";
        }
        catch (RequestFailedException ex) when (TableKeys.IsConflict(ex) || ex.Status == 404)
        {
            throw new ConcurrentChangeException($"Someone else changed {what} at the same moment; reload it and make your change again.", ex);
        }
    }
}
