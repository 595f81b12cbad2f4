using CivilProtection.Application.Directory;
using CivilProtection.Domain.Rosters;

namespace CivilProtection.Application.Rosters;

/// <summary>
/// The teams an authority keeps rosters for: its 24/7 contact team, the operations desk (paged today for incoming
/// requests), and the approver groups of the stages it runs in its partnerships (validation where it asks, offer
/// approval where it assists).
/// </summary>
public sealed class RosterTeams(IDirectory directory)
{
    public async Task<IReadOnlyList<string>> OfAsync(string authorityId, CancellationToken cancellationToken)
    {
        var teams = new SortedSet<string>(StringComparer.Ordinal) { Teams.Operations };
        if (await directory.FindAuthorityAsync(authorityId, cancellationToken) is { } authority)
        {
            teams.Add(authority.ContactTeam);
        }
        foreach (var partnership in await directory.ListPartnershipsAsync(cancellationToken))
        {
            var stages = partnership.RequestingAuthorityId == authorityId ? partnership.RequestStages
                : partnership.AssistingAuthorityId == authorityId ? partnership.OfferStages
                : [];
            foreach (var stage in stages)
            {
                teams.Add(stage.ApproverGroup);
            }
        }
        // Approval stages first (in the order people meet them), the operations desk last.
        return teams.Where(t => t != Teams.Operations).OrderBy(StageOrder).Append(Teams.Operations).ToList();
    }

    private static int StageOrder(string team) => team switch
    {
        "validation" => 0,
        "acceptance" => 1,
        _ => 2,
    };
}
