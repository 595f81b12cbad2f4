using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Offers;

/// <summary>One requested line's coverage: requested, offered (sent and live), accepted, still open.</summary>
public sealed record LineCoverage(int Line, string Code, int Requested, int Offered, int Accepted, int Open)
{
    public bool Covered => Open == 0;

    /// <summary>Every requested line's coverage, from the offers the requester has received.</summary>
    public static IReadOnlyList<LineCoverage> Of(AssistanceRequestState request) =>
        request.Details.Capabilities.Select((capability, line) =>
        {
            var lines = request.Offers.Where(o => o.WasSent && o.IsLive).SelectMany(o => o.Lines).Where(l => l.RequestLine == line).ToList();
            var accepted = lines.Sum(l => l.Accepted ?? 0);
            return new LineCoverage(line, capability.Code, capability.Quantity, lines.Sum(l => l.Quantity), accepted, Math.Max(0, capability.Quantity - accepted));
        }).ToList();
}
