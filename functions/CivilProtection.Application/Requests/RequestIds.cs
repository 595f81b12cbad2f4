using System.Globalization;

namespace CivilProtection.Application.Requests;

/// <summary>
/// Request ids: UUID version 7 as 32 lower-case hex digits, so they sort by filing time (the first 12 digits are the
/// Unix time in milliseconds). The outbox sweep finds the filings of a time window by a key range, which is what
/// lets a filing commit in one round trip, without a marker written first.
/// </summary>
public static class RequestIds
{
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static string New(DateTimeOffset filedAt) => Guid.CreateVersion7(filedAt).ToString("N");

    /// <summary>The smallest id of a request filed at or after <paramref name="at"/>: ids of earlier filings sort before it.</summary>
    public static string LowerBound(DateTimeOffset at) =>
        Math.Max(0, at.ToUnixTimeMilliseconds()).ToString("x12", CultureInfo.InvariantCulture).PadRight(32, '0');

    /// <summary>
    /// When the request with this id was filed, to the millisecond; null for an id not made by <see cref="New"/> (a
    /// random UUID's first digits are no time, so the version digit must say 7).
    /// </summary>
    public static DateTimeOffset? FiledAt(string requestId) =>
        requestId.Length == 32
        && !requestId.AsSpan().ContainsAnyExcept(LowerHex)
        && requestId[12] == '7'
        && long.TryParse(requestId.AsSpan(0, 12), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var ms)
        && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
