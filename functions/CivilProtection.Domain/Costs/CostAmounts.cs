namespace CivilProtection.Domain.Costs;

/// <summary>
/// What makes an amount of money well formed: positive, in an active ISO 4217 currency, with no more decimals than
/// the currency's minor units. Money is <see cref="decimal"/>, never floating point.
/// </summary>
public static class CostAmounts
{
    /// <summary>The largest amount a line may claim: far above any deployment's cost, well inside <see cref="decimal"/>.</summary>
    public const decimal Largest = 1_000_000_000_000m;

    /// <summary>What is wrong with <paramref name="currency"/>; null when it is an active ISO 4217 code.</summary>
    public static string? CurrencyProblem(string? currency) =>
        Iso4217.IsActive(currency) ? null : "Give an active ISO 4217 currency code in capitals, e.g. EUR or MAD.";

    /// <summary>What is wrong with <paramref name="amount"/> in <paramref name="currency"/>; null when it is well formed (or the currency is unknown).</summary>
    public static string? AmountProblem(decimal? amount, string? currency)
    {
        var decimals = Iso4217.MinorUnits(currency) ?? 2;
        if (amount is not { } value || value <= 0 || value > Largest)
        {
            return $"Give an amount above zero and at most {Largest:0}.";
        }
        return decimal.Round(value, decimals) == value ? null
            : decimals == 0 ? $"{currency} has no decimals." : $"{currency} has at most {decimals} decimals.";
    }
}
