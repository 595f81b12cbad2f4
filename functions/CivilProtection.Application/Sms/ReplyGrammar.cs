using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CivilProtection.Application.Sms;

/// <summary>
/// Reads what people reply by SMS, in French, English or Arabic, however they type it: an acknowledgement code
/// (<c>OK 4821</c>, <c>ok4821</c>, <c>4821</c>, <c>Oké 4821</c>, Arabic-Indic digits <c>٤٨٢١</c>), or a dispatch answer
/// (<c>1</c>/<c>YES</c>/<c>OUI</c>/<c>نعم</c> to accept, <c>2</c>/<c>NO</c>/<c>NON</c>/<c>لا</c> to decline).
/// </summary>
public static partial class ReplyGrammar
{
    private static readonly HashSet<string> Accept = new(StringComparer.Ordinal) { "1", "yes", "y", "oui", "o", "ok", "نعم", "ايوه", "اجل" };
    private static readonly HashSet<string> Decline = new(StringComparer.Ordinal) { "2", "no", "n", "non", "لا" };

    public static Reply Parse(string? body)
    {
        var text = Normalize(body);
        if (CodePattern().Match(text) is { Success: true } match)
        {
            return new Reply(ReplyKind.Acknowledge, match.Groups["code"].Value);
        }
        if (Accept.Contains(text))
        {
            return new Reply(ReplyKind.Accept, null);
        }
        return Decline.Contains(text) ? new Reply(ReplyKind.Decline, null) : new Reply(ReplyKind.Unknown, null);
    }

    /// <summary>Lower case, accents stripped, Arabic and Persian digits made ASCII, punctuation and extra spaces dropped.</summary>
    public static string Normalize(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "";
        }
        var builder = new StringBuilder(body.Length);
        foreach (var c in body.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            builder.Append(c switch
            {
                >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
                >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
                '.' or ',' or '!' or '?' or ':' or ';' or '-' or '_' or '"' or '\'' or '«' or '»' or '،' or '؟' => ' ',
                _ => char.ToLowerInvariant(c),
            });
        }
        return WhiteSpace().Replace(builder.ToString(), " ").Trim();
    }

    // An optional word (ok, okay, ack, oui, yes, d'accord, bien recu, تم, حسنا, نعم) then the four-digit code.
    [GeneratedRegex(@"^(?:(?:ok|okay|oke|ack|oui|yes|d accord|bien recu|recu|تم|حسنا|نعم)\s*)?(?<code>\d{4})$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}

/// <summary>What a reply says.</summary>
public sealed record Reply(ReplyKind Kind, string? Code);

/// <summary>The kinds of reply the system understands.</summary>
public enum ReplyKind
{
    Unknown,
    Acknowledge,
    Accept,
    Decline,
}
