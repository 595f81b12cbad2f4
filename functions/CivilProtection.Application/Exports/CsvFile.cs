using System.Globalization;
using System.Text;

namespace CivilProtection.Application.Exports;

/// <summary>
/// A CSV file as spreadsheets read it (RFC 4180, UTF-8, CRLF lines, a header line). A cell a spreadsheet would run as
/// a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>) is written with a leading apostrophe, since names and titles are
/// typed by people.
/// </summary>
public static class CsvFile
{
    public static string Write(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder().AppendJoin(',', columns.Select(Cell)).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>A time as the files write it: UTC, to the second.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Cell(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }
}
