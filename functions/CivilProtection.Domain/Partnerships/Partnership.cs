using CivilProtection.Domain.Approvals;

namespace CivilProtection.Domain.Partnerships;

/// <summary>
/// Whether one authority may ask another for assistance, and the approval stages each side runs: the requesting
/// side's validation before a request goes out, and the assisting side's approval of an offer before it is sent.
/// A partnership is directed: MA may ask FR does not say FR may ask MA.
/// </summary>
/// <param name="Active">An inactive partnership keeps its history but accepts no new request.</param>
public sealed record Partnership(
    string RequestingAuthorityId,
    string AssistingAuthorityId,
    IReadOnlyList<StageDefinition> RequestStages,
    IReadOnlyList<StageDefinition> OfferStages,
    bool Active = true)
{
    public string Key => ApprovalRoute.KeyOf(RequestingAuthorityId, AssistingAuthorityId);

    /// <summary>
    /// Reads a route stored before partnerships existed: its stages decided by the requesting authority validate the
    /// request, the others approve what the assisting authority sends back.
    /// </summary>
    public static Partnership FromRoute(ApprovalRoute route) => new(
        route.RequestingAuthorityId,
        route.AssistingAuthorityId,
        route.Stages.Where(s => s.AuthorityId == route.RequestingAuthorityId).ToList(),
        route.Stages.Where(s => s.AuthorityId != route.RequestingAuthorityId).ToList());

    /// <summary>The two-sided route a request to a single authority still follows (validation, then the assisting side).</summary>
    public ApprovalRoute AsRoute() => new(RequestingAuthorityId, AssistingAuthorityId, [.. RequestStages, .. OfferStages]);
}
