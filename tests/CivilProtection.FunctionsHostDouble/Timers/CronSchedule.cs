using System.Globalization;

namespace CivilProtection.FunctionsHostDouble.Timers;

/// <summary>
/// A six-field CRON expression as timer triggers write it (second minute hour day month day-of-week), in UTC, as the
/// host reads it when WEBSITE_TIME_ZONE is unset. Each field is <c>*</c>, a number, a range <c>a-b</c>, a step
/// <c>*/n</c> or <c>a-b/n</c>, or a comma list of those; names of months and days are not read.
/// </summary>
public sealed class CronSchedule
{
    // Far enough for any schedule a workflow timer uses; a schedule that fires less often is refused, not silently slow.
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(2);
    private readonly bool[][] _allowed;

    private CronSchedule(bool[][] allowed) => _allowed = allowed;

    public static CronSchedule Parse(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            throw new FormatException($"'{expression}' is not a six-field CRON expression.");
        }
        (int Min, int Max)[] ranges = [(0, 59), (0, 59), (0, 23), (1, 31), (1, 12), (0, 6)];
        return new CronSchedule(fields.Select((field, i) => Field(field, ranges[i].Min, ranges[i].Max)).ToArray());
    }

    /// <summary>The first whole second after <paramref name="after"/> that the schedule names.</summary>
    public DateTimeOffset Next(DateTimeOffset after)
    {
        var utc = after.ToUniversalTime();
        var candidate = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, TimeSpan.Zero).AddSeconds(1);
        for (var until = candidate + Horizon; candidate < until; candidate = candidate.AddSeconds(1))
        {
            if (Matches(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"The schedule names no second within {Horizon} of {after:O}.");
    }

    private bool Matches(DateTimeOffset at) =>
        _allowed[0][at.Second] && _allowed[1][at.Minute] && _allowed[2][at.Hour] && _allowed[3][at.Day] && _allowed[4][at.Month] && _allowed[5][(int)at.DayOfWeek];

    private static bool[] Field(string field, int min, int max)
    {
        var allowed = new bool[max + 1];
        foreach (var part in field.Split(','))
        {
            var (range, step) = part.Split('/') switch
            {
                [var r] => (r, 1),
                [var r, var s] => (r, int.Parse(s, CultureInfo.InvariantCulture)),
                _ => throw new FormatException($"'{part}' is not a CRON field."),
            };
            var (from, to) = range switch
            {
                "*" => (min, max),
                _ when range.Split('-') is [var a, var b] => (int.Parse(a, CultureInfo.InvariantCulture), int.Parse(b, CultureInfo.InvariantCulture)),
                _ => (int.Parse(range, CultureInfo.InvariantCulture), step == 1 ? int.Parse(range, CultureInfo.InvariantCulture) : max),
            };
            if (from < min || to > max || from > to || step < 1)
            {
                throw new FormatException($"'{part}' is outside {min}-{max}.");
            }
            for (var value = from; value <= to; value += step)
            {
                allowed[value] = true;
            }
        }
        return allowed;
    }
}
