using System.Globalization;
using CivilProtection.Domain.Costs;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Exports;

/// <summary>
/// Cost claims as CSV (<see cref="CsvFile"/>): one line per claim line, with its claim's parties and status and the
/// requester's word on it. Amounts are in their own currency, never converted, written with a dot.
/// </summary>
public static class ClaimLinesCsv
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "requestId", "claimant", "requester", "claimStatus", "submittedAt", "line", "category", "description", "amount", "currency",
        "euMayCoFinance", "review", "approvedAmount", "paidAt",
    ];

    public static string Write(IEnumerable<ClaimState> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return CsvFile.Write(Columns, claims.SelectMany(claim => claim.Lines.Select((line, i) => (IReadOnlyList<string>)
        [
            claim.RequestId, claim.AuthorityId, claim.RequestingAuthorityId, WireNames.Of(claim.Status), CsvFile.Time(claim.SubmittedAt),
            i.ToString(CultureInfo.InvariantCulture), WireNames.Of(line.Category), line.Description, Amount(line.Amount), line.Currency,
            line.EuMayCoFinance ? "true" : "false", WireNames.Of(line.Review.Status), Amount(line.Approved),
            claim.Payment is { } paid ? CsvFile.Time(paid.At) : "",
        ])));
    }

    private static string Amount(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);
}
