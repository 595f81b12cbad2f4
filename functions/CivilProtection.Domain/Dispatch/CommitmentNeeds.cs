using CivilProtection.Domain.Offers;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Dispatch;

/// <summary>
/// The people an authority's commitments on a request call for. A commitment is an accepted line of its offer; a module
/// or team accepted N times needs N times its team composition, role by role (the authority's own composition where its
/// admins set one, else the catalogue's example); a resource counted in people without a composition needs one
/// responder each. Equipment items need nobody: they travel with the teams that operate them.
/// </summary>
public static class CommitmentNeeds
{
    /// <summary>The authority's offers on the request that the requester accepted, in whole or in part.</summary>
    public static IReadOnlyList<OfferState> CommitmentsOf(AssistanceRequestState request, string authorityId) =>
        request.Offers.Where(o => o.AuthorityId == authorityId && o.Status is Offers.OfferStatus.Accepted or Offers.OfferStatus.PartiallyAccepted
            && o.Lines.Any(l => l.Accepted > 0)).ToList();

    /// <param name="ownComposition">The authority's own composition for a code, or null where it set none.</param>
    public static IReadOnlyList<CapabilityNeed> Of(AssistanceRequestState request, string authorityId, Func<string, TeamComposition?> ownComposition)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ownComposition);
        var filedWith = CatalogueVersions.Find(request.CatalogueVersion) ?? CatalogueVersions.Current;
        var needs = new List<CapabilityNeed>();
        foreach (var line in CommitmentsOf(request, authorityId).SelectMany(o => o.Lines).Where(l => l.Accepted > 0))
        {
            var accepted = line.Accepted!.Value;
            // Teams are made up as the current catalogue says: a line filed under a legacy code the current version
            // replaced (high-capacity-pumping) is filled as its entry (HCP).
            var entry = CatalogueVersions.Current.Resolve(line.Code) ?? filedWith.Resolve(line.Code);
            if (entry?.Unit == CatalogueUnits.Item)
            {
                continue;
            }
            // A responder listed under the legacy code still serves the entry's own code.
            var code = entry?.Code ?? line.Code;
            if ((ownComposition(code) ?? entry?.Composition) is { Roles.Count: > 0 } composition)
            {
                foreach (var role in composition.Roles)
                {
                    Add(needs, code, role.Role, role.Count * accepted);
                }
            }
            else
            {
                Add(needs, code, null, accepted);
            }
        }
        return needs;
    }

    // Two commitments for the same code (two offers, or a line and an alternative) add up role by role.
    private static void Add(List<CapabilityNeed> needs, string code, string? role, int count)
    {
        var index = needs.FindIndex(n => n.Is(code, role));
        if (index < 0)
        {
            needs.Add(new CapabilityNeed(code, count, role));
        }
        else
        {
            needs[index] = needs[index] with { Needed = needs[index].Needed + count };
        }
    }
}
