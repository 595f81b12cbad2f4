using System.Globalization;
using CivilProtection.Application.Exports;

namespace CivilProtection.Application.Deployments;

/// <summary>People on mission as CSV (<see cref="CsvFile"/>): one line per person and mission.</summary>
public static class PersonnelCsv
{
    public static IReadOnlyList<string> Columns { get; } =
        ["personId", "name", "requestId", "reference", "capability", "role", "status", "departedAt", "dutyHours"];

    public static string Write(IEnumerable<PersonOnMission> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        return CsvFile.Write(Columns, people.Select(p => (IReadOnlyList<string>)
        [
            p.PersonId, p.Name, p.RequestId, p.Reference, p.Capability, p.Role ?? "", p.Status,
            CsvFile.Time(p.DepartedAt), p.DutyHours.ToString("0.0", CultureInfo.InvariantCulture),
        ]));
    }
}
