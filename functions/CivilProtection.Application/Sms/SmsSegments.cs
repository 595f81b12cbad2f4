namespace CivilProtection.Application.Sms;

/// <summary>How a text travels as SMS: GSM-7 (7-bit alphabet) or UCS-2 (anything outside it, e.g. Arabic or "ê").</summary>
public enum SmsEncoding
{
    Gsm7,
    Ucs2,
}

/// <summary>
/// What a text costs: its encoding, its length in that encoding's units (GSM-7 septets, UCS-2 UTF-16 code units)
/// and the number of segments (messages billed and delivered).
/// </summary>
public readonly record struct SmsSegmentCount(SmsEncoding Encoding, int Units, int Segments);

/// <summary>
/// Counts SMS segments the way carriers (and Twilio) do. GSM-7: 160 septets in one segment, 153 per segment when
/// concatenated (the user-data header takes the rest), the extension-table characters (<c>^ { } \ [ ~ ] | €</c> and
/// form feed) take two septets and are never split across segments. UCS-2: 70 code units in one segment, 67 when
/// concatenated, a surrogate pair never split. One character outside GSM-7 makes the whole text UCS-2.
/// </summary>
public static class SmsSegments
{
    public const int Gsm7SingleSegment = 160;
    public const int Gsm7ConcatenatedSegment = 153;
    public const int Ucs2SingleSegment = 70;
    public const int Ucs2ConcatenatedSegment = 67;

    // 3GPP TS 23.038 basic character set. Only the capital Ç is in it (lowercase ç is not), and none of â ê î ô û ë ï œ.
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    // The extension table: each is sent as ESC + a character, two septets.
    private const string Extension = "\f^{}\\[~]|€";

    private static readonly HashSet<char> BasicSet = [.. Basic];
    private static readonly HashSet<char> ExtensionSet = [.. Extension];

    /// <summary>Septets this character takes in GSM-7: 1, 2 (extension table), or 0 when it is not in GSM-7 at all.</summary>
    public static int SeptetsOf(char c) => BasicSet.Contains(c) ? 1 : ExtensionSet.Contains(c) ? 2 : 0;

    /// <summary>Whether every character of <paramref name="text"/> is in GSM-7 (basic or extension table).</summary>
    public static bool IsGsm7(string text)
    {
        foreach (var c in text)
        {
            if (SeptetsOf(c) == 0)
            {
                return false;
            }
        }
        return true;
    }

    public static SmsSegmentCount Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IsGsm7(text) ? CountGsm7(text) : CountUcs2(text);
    }

    private static SmsSegmentCount CountGsm7(string text)
    {
        var units = 0;
        foreach (var c in text)
        {
            units += SeptetsOf(c);
        }
        if (units <= Gsm7SingleSegment)
        {
            return new SmsSegmentCount(SmsEncoding.Gsm7, units, units == 0 ? 0 : 1);
        }
        // Greedy packing, as senders do: a two-septet character that does not fit opens the next segment.
        var segments = 1;
        var fill = 0;
        foreach (var c in text)
        {
            var septets = SeptetsOf(c);
            if (fill + septets > Gsm7ConcatenatedSegment)
            {
                segments++;
                fill = 0;
            }
            fill += septets;
        }
        return new SmsSegmentCount(SmsEncoding.Gsm7, units, segments);
    }

    private static SmsSegmentCount CountUcs2(string text)
    {
        var units = text.Length;
        if (units <= Ucs2SingleSegment)
        {
            return new SmsSegmentCount(SmsEncoding.Ucs2, units, 1);
        }
        var segments = 1;
        var fill = 0;
        for (var i = 0; i < text.Length; i++)
        {
            // A surrogate pair (an emoji, a rare CJK character) is two code units that travel together.
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (fill + width > Ucs2ConcatenatedSegment)
            {
                segments++;
                fill = 0;
            }
            fill += width;
            i += width - 1;
        }
        return new SmsSegmentCount(SmsEncoding.Ucs2, units, segments);
    }
}
