using CivilProtection.Application.Forms;
using CsvHelper;
using CivilProtection.Application.Problems;

namespace CivilProtection.Application.Rosters;

/// <summary>
/// Reads the CSV files of the first load (people, shifts): a header naming the columns, then one line per
/// person or shift. Comma, semicolon or tab separated (a spreadsheet in a French locale writes semicolons),
/// quoted as RFC 4180 says, UTF-8. Every problem is reported with its line number (<c>line 4.mobile</c>).
/// </summary>
public static class RosterCsv
{
    /// <summary>Lines after the header; a bigger first load is split into several files.</summary>
    public const int MaxLines = 2000;

    public static IReadOnlyList<string> PeopleColumns { get; } = ["personId", "name", "mobile", "language", "roles", "skills", "teamRoles"];
    public static IReadOnlyList<string> PeopleRequired { get; } = ["personId", "name", "mobile", "language", "roles"];
    public static IReadOnlyList<string> ShiftColumns { get; } = ["personId", "tier", "start", "end"];

    private static readonly char[] ListSeparators = ['|', ';', ',', ' ', '\t'];

    /// <summary>One data line: its number in the file (the header is line 1) and its values by column.</summary>
    public sealed record Line(int Number, IReadOnlyDictionary<string, string> Values)
    {
        public string this[string column] => Values.TryGetValue(column, out var value) ? value : "";

        /// <summary>The prefix of this line's field errors: <c>line 4.</c>.</summary>
        public string Prefix => $"line {Number}.";
    }

    /// <summary>The data lines of <paramref name="text"/>; problems with the header, the file or a line's quoting go to <paramref name="errors"/>.</summary>
    public static IReadOnlyList<Line> Read(string text, IReadOnlyList<string> columns, IReadOnlyList<string> required, FieldErrors errors)
    {
        text = text.TrimStart('\uFEFF');
        var lines = new List<Line>();
        var malformed = new SortedDictionary<long, FieldError>();
        var options = new CsvReaderOptions
        {
            Separator = SeparatorOf(text),
            HasHeader = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            // Values may be personal data (names, numbers): keep them out of messages that could reach a log.
            IncludeValuesInExceptions = false,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            // The field count or the quoting is wrong: either way the line is not CSV as its header says.
            OnMalformedRecord = record => malformed[record.LineNumber] = FieldError.BadFormat("a,\"b, c\",d"),
        };
        using var reader = CsvReader.FromText(text, options);
        var header = reader.Headers.Count == 0 ? null : MapHeader(reader.Headers, columns, required, errors);
        while (header is not null && reader.Read())
        {
            if (lines.Count >= MaxLines)
            {
                errors.Add("file", FieldError.TooMany(MaxLines));
                break;
            }
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount && i < header.Length; i++)
            {
                if (header[i] is { } column)
                {
                    values[column] = reader.GetString(i) ?? "";
                }
            }
            lines.Add(new Line((int)reader.LineNumber, values));
        }
        foreach (var (line, message) in malformed)
        {
            errors.Add($"line {line}", message);
        }
        if (header is null)
        {
            errors.Add("file", FieldError.EmptyFile(columns));
        }
        else if (lines.Count == 0 && !errors.Any)
        {
            errors.Add("file", FieldError.NoLines);
        }
        return lines;
    }

    // The separator is the one the header uses most: comma, semicolon (spreadsheets in French locales) or tab.
    private static char SeparatorOf(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return new[] { ',', ';', '\t' }.OrderByDescending(c => header.Count(h => h == c)).First();
    }

    /// <summary>A list cell (<c>approver|duty-officer</c>): items separated by <c>|</c>, <c>;</c>, commas or spaces.</summary>
    public static List<string> Items(string cell) =>
        cell.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    // Column names are matched ignoring case, spaces, dashes and underscores (PersonId, person_id, "person id").
    private static string?[] MapHeader(IReadOnlyList<string> record, IReadOnlyList<string> columns, IReadOnlyList<string> required, FieldErrors errors)
    {
        var byKey = columns.ToDictionary(Key, c => c, StringComparer.Ordinal);
        var header = new string?[record.Count];
        for (var i = 0; i < record.Count; i++)
        {
            if (byKey.TryGetValue(Key(record[i]), out var column))
            {
                if (header.Contains(column))
                {
                    errors.Add("line 1", FieldError.RepeatedColumn(column));
                }
                header[i] = column;
            }
            else
            {
                errors.Add("line 1", FieldError.UnknownColumn(record[i], columns));
            }
        }
        foreach (var missing in required.Where(c => !header.Contains(c)))
        {
            errors.Add("line 1", FieldError.MissingColumn(missing));
        }
        return header;
    }

    private static string Key(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
