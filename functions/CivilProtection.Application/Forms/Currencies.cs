namespace CivilProtection.Application.Forms;

/// <summary>The active ISO 4217 currency codes, from the domain's data set (<see cref="Domain.Costs.Iso4217"/>).</summary>
public static class Currencies
{
    public static bool IsIso4217(string code) => Domain.Costs.Iso4217.IsActive(code);
}
