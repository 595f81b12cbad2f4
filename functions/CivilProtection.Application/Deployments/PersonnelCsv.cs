using System.Globalization;
using System.Text;

namespace CivilProtection.Application.Deployments;

/// <summary>
/// People on mission as CSV (RFC 4180, UTF-8): one line per person and mission. A cell a spreadsheet would run as a
/// formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>) is written with a leading apostrophe, since names are typed by people.
/// </summary>
public static class PersonnelCsv
{
    public static IReadOnlyList<string> Columns { get; } =
        ["personId", "name", "requestId", "reference", "capability", "role", "status", "departedAt", "dutyHours"];

    public static string Write(IEnumerable<PersonOnMission> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        var csv = new StringBuilder().AppendJoin(',', Columns).Append("\r\n");
        foreach (var p in people)
        {
            csv.AppendJoin(',', new[]
            {
                p.PersonId, p.Name, p.RequestId, p.Reference, p.Capability, p.Role ?? "", p.Status,
                p.DepartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                p.DutyHours.ToString("0.0", CultureInfo.InvariantCulture),
            }.Select(Cell)).Append("\r\n");
        }
        return csv.ToString();
    }

    private static string Cell(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }
}
