namespace CivilProtection.Domain.Costs;

/// <summary>
/// The active ISO 4217 currency codes (list of 2025) with their minor units (decimals), kept as data here so that
/// validation depends neither on the OS's culture data nor on "three letters" alone. Funds and precious metals
/// (XAU, XDR...) are not currencies a claim is paid in and are left out.
/// </summary>
public static class Iso4217
{
    // Most currencies have 2 decimals; these are the exceptions.
    private const string NoDecimals = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF";
    private const string ThreeDecimals = "BHD IQD JOD KWD LYD OMR TND";

    private static readonly IReadOnlyDictionary<string, int> MinorUnitsByCode = Build(
        """
        AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP
        CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD
        IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR
        MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP
        SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF
        XPF YER ZAR ZMW ZWG
        """);

    /// <summary>Whether <paramref name="code"/> is an active ISO 4217 code, in capitals.</summary>
    public static bool IsActive(string? code) => code is not null && MinorUnitsByCode.ContainsKey(code);

    /// <summary>How many decimals an amount in the currency has (2 for EUR, 0 for JPY, 3 for TND); null for an unknown code.</summary>
    public static int? MinorUnits(string? code) => code is not null && MinorUnitsByCode.TryGetValue(code, out var units) ? units : null;

    private static Dictionary<string, int> Build(string codes)
    {
        var split = (string list) => list.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        var none = split(NoDecimals).ToHashSet(StringComparer.Ordinal);
        var three = split(ThreeDecimals).ToHashSet(StringComparer.Ordinal);
        return split(codes).ToDictionary(c => c, c => none.Contains(c) ? 0 : three.Contains(c) ? 3 : 2, StringComparer.Ordinal);
    }
}
