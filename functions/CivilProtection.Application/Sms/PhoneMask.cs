namespace CivilProtection.Application.Sms;

/// <summary>Phone numbers as logs may show them: <c>+33612345678</c> → <c>+33******78</c>.</summary>
/// <remarks>
/// The first three characters (the country code, roughly) and the last two digits are enough to tell numbers apart
/// when reading a log; the mask has a fixed width so it does not give away the number's length either.
/// </remarks>
public static class PhoneMask
{
    private const string Hidden = "******";

    public static string Mask(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return "";
        }
        var trimmed = phone.Trim();
        return trimmed.Length < 8 ? Hidden : string.Concat(trimmed.AsSpan(0, 3), Hidden, trimmed.AsSpan(trimmed.Length - 2));
    }
}
