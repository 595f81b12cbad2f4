namespace CivilProtection.Application.Forms;

/// <summary>The active ISO 4217 currency codes (list of 2025), kept here so validation does not depend on the OS's culture data.</summary>
public static class Currencies
{
    private static readonly HashSet<string> Codes = new(
        """
        AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP
        CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD
        IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR
        MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP
        SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF
        XPF YER ZAR ZMW ZWG
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    public static bool IsIso4217(string code) => Codes.Contains(code);
}
