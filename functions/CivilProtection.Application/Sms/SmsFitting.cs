using System.Globalization;
using System.Text;

namespace CivilProtection.Application.Sms;

/// <summary>
/// Fits a text within a number of segments by shortening its one free part (the summary) and never the rest: the
/// reference, the code and the link must arrive whole or the SMS is useless.
/// </summary>
internal static class SmsFitting
{
    /// <param name="render">The whole text around a given summary; it must read well with an empty summary too.</param>
    public static SmsText Fit(Func<string, string> render, string summary, int maxSegments)
    {
        var line = OneLine(summary);
        var full = render(line);
        var count = SmsSegments.Count(full);
        if (count.Segments <= maxSegments)
        {
            return new SmsText(full, count, SummaryShortened: false, WithinLimit: true);
        }

        // Cut between text elements, so an accented letter or an emoji is never split; binary search on how many to keep.
        var boundaries = StringInfo.ParseCombiningCharacters(line);
        int low = 1, high = boundaries.Length - 1;
        SmsText? best = null;
        while (low <= high)
        {
            var keep = (low + high) / 2;
            var candidate = Shortened(render, line[..boundaries[keep]]);
            if (candidate.Count.Segments <= maxSegments)
            {
                best = candidate;
                low = keep + 1;
            }
            else
            {
                high = keep - 1;
            }
        }
        if (best is not null)
        {
            return best;
        }
        var bare = render("");
        var bareCount = SmsSegments.Count(bare);
        return new SmsText(bare, bareCount, SummaryShortened: line.Length > 0, WithinLimit: bareCount.Segments <= maxSegments);
    }

    private static SmsText Shortened(Func<string, string> render, string prefix)
    {
        var kept = prefix.TrimEnd();
        // "…" is not in GSM-7: in a GSM-7 text it would turn the whole SMS into UCS-2, so three dots are cheaper there.
        var ellipsis = SmsSegments.IsGsm7(render(kept)) ? "..." : "…";
        var body = render(kept + ellipsis);
        return new SmsText(body, SmsSegments.Count(body), SummaryShortened: true, WithinLimit: true);
    }

    /// <summary>The summary on one line: line breaks and runs of spaces become one space.</summary>
    public static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = true;
                continue;
            }
            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }
            space = false;
            builder.Append(c);
        }
        return builder.ToString();
    }
}
