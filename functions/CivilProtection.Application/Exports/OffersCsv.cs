using System.Globalization;
using CivilProtection.Application.Offers;

namespace CivilProtection.Application.Exports;

/// <summary>
/// The offers on a request as CSV (<see cref="CsvFile"/>): one line per offered line, the offers being those the
/// viewer may see (the requester all of them, an offerer its own), costs in their own currency.
/// </summary>
public static class OffersCsv
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "offerId", "authorityId", "unsolicited", "status", "requestLine", "code", "quantity", "accepted", "earliestArrival", "durationDays",
        "selfSufficient", "conditions", "estimatedCost", "currency", "noLongerNeeded",
    ];

    public static string Write(IEnumerable<PartnerOfferView> offers)
    {
        ArgumentNullException.ThrowIfNull(offers);
        return CsvFile.Write(Columns, offers.SelectMany(offer => offer.Lines.Select(line => (IReadOnlyList<string>)
        [
            offer.OfferId, offer.AuthorityId, Flag(offer.Unsolicited), offer.Status, Number(line.RequestLine), line.Code, Number(line.Quantity),
            line.Accepted is { } accepted ? Number(accepted) : "", CsvFile.Time(line.EarliestArrival), Number(line.DurationDays), Flag(line.SelfSufficient),
            line.Conditions ?? "", line.EstimatedCost?.Amount.ToString(CultureInfo.InvariantCulture) ?? "", line.EstimatedCost?.Currency ?? "",
            Flag(line.NoLongerNeeded),
        ])));
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "true" : "false";
}
