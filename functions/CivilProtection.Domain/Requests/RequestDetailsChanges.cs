namespace CivilProtection.Domain.Requests;

/// <summary>
/// What an amendment changed, as the JSON paths of the form (<c>incident.title</c>, <c>capabilities[1].quantity</c>,
/// <c>capabilities[2]</c> for a line added): recorded on the timeline so every partner sees what changed, not only that
/// something did.
/// </summary>
public static class RequestDetailsChanges
{
    public static IReadOnlyList<string> Between(RequestDetails before, RequestDetails after)
    {
        var changed = new List<string>();
        void Compare<T>(string path, T was, T now)
        {
            if (!EqualityComparer<T>.Default.Equals(was, now))
            {
                changed.Add(path);
            }
        }
        Compare("incident.type", before.Incident.Type, after.Incident.Type);
        Compare("incident.title", before.Incident.Title, after.Incident.Title);
        Compare("incident.description", before.Incident.Description, after.Incident.Description);
        Compare("incident.region", before.Incident.Region, after.Incident.Region);
        Compare("incident.place", before.Incident.Place, after.Incident.Place);
        Compare("incident.coordinates", before.Incident.Coordinates, after.Incident.Coordinates);
        Compare("urgency", before.Urgency, after.Urgency);
        Compare("neededBy", before.NeededBy, after.NeededBy);
        Compare("contact", before.Contact, after.Contact);
        Compare("language", before.Language, after.Language);
        for (var i = 0; i < after.Capabilities.Count; i++)
        {
            if (i >= before.Capabilities.Count)
            {
                changed.Add($"capabilities[{i}]");
                continue;
            }
            var (was, now) = (before.Capabilities[i], after.Capabilities[i]);
            Compare($"capabilities[{i}].code", was.Code, now.Code);
            Compare($"capabilities[{i}].quantity", was.Quantity, now.Quantity);
            Compare($"capabilities[{i}].notes", was.Notes, now.Notes);
        }
        return changed;
    }
}
