using System.Globalization;

namespace CivilProtection.Application.Requests;

/// <summary>
/// Request ids: UUID version 7 as 32 lower-case hex digits, so they sort by filing time (the first 12 digits are the
/// Unix time in milliseconds). The outbox sweep finds the filings of a time window by a key range, which is what
/// lets a filing commit in one round trip, without a marker written first.
/// </summary>
public static class RequestIds
{
    public static string New(DateTimeOffset filedAt) => Guid.CreateVersion7(filedAt).ToString("N");

    /// <summary>The smallest id of a request filed at or after <paramref name="at"/>: ids of earlier filings sort before it.</summary>
    public static string LowerBound(DateTimeOffset at) =>
        Math.Max(0, at.ToUnixTimeMilliseconds()).ToString("x12", CultureInfo.InvariantCulture).PadRight(32, '0');
}
