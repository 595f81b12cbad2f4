using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace CivilProtection.Infrastructure.Sms;

/// <summary>The shapes of Twilio identifiers and numbers, and fresh fake ones for the sandbox.</summary>
public static partial class TwilioSids
{
    /// <summary>An E.164 number: '+', a country code not starting with 0, at most 15 digits in all.</summary>
    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant)]
    public static partial Regex E164();

    /// <summary>An alphanumeric sender id: 1 to 11 letters, digits or spaces, at least one letter.</summary>
    [GeneratedRegex(@"^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$", RegexOptions.CultureInvariant)]
    public static partial Regex AlphanumericSender();

    /// <summary>A Twilio SID: a two-letter prefix and 32 hexadecimal digits.</summary>
    public static bool IsSid(string? value, string prefix) =>
        value is { Length: 34 } && value.StartsWith(prefix, StringComparison.Ordinal) && value.AsSpan(2).ContainsAnyExcept(HexDigits) == false;

    /// <summary>A new message SID as Twilio makes them: <c>SM</c> and 32 lowercase hexadecimal digits.</summary>
    public static string NewMessageSid() => New("SM");

    public static string New(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
