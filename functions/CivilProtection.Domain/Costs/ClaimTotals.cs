namespace CivilProtection.Domain.Costs;

/// <summary>What claims add up to in one currency: claimed, approved (in full or in part) and paid.</summary>
public sealed record CurrencyTotal(string Currency, decimal Claimed, decimal Approved, decimal Paid);

/// <summary>
/// Totals of claims, one per currency, side by side: amounts in different currencies are never added together and no
/// exchange rate is invented.
/// </summary>
public static class ClaimTotals
{
    public static IReadOnlyList<CurrencyTotal> Of(IEnumerable<ClaimState> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return claims.SelectMany(c => c.Lines.Select(l => (Line: l, Paid: c.Status == ClaimStatus.Paid)))
            .GroupBy(x => x.Line.Currency, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CurrencyTotal(g.Key, g.Sum(x => x.Line.Amount), g.Sum(x => x.Line.Approved), g.Where(x => x.Paid).Sum(x => x.Line.Approved)))
            .ToList();
    }
}
