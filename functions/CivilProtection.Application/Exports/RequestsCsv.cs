using CivilProtection.Application.Indexes;

namespace CivilProtection.Application.Exports;

/// <summary>An authority's requests as CSV (<see cref="CsvFile"/>): one line per request, in the list's order (newest filed first).</summary>
public static class RequestsCsv
{
    public static IReadOnlyList<string> Columns { get; } =
        ["reference", "requestId", "title", "incidentType", "urgency", "status", "requestingAuthorityId", "assistingAuthorityIds", "filedAt", "updatedAt"];

    public static string Write(IEnumerable<RequestListEntry> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return CsvFile.Write(Columns, requests.Select(r => (IReadOnlyList<string>)
        [
            r.Reference, r.RequestId, r.Title, r.IncidentType, r.Urgency, r.Status, r.RequestingAuthorityId,
            string.Join(' ', r.AddressedAuthorityIds is { Count: > 0 } addressed ? addressed : [r.AssistingAuthorityId]),
            CsvFile.Time(r.FiledAt), CsvFile.Time(r.UpdatedAt),
        ]));
    }
}
