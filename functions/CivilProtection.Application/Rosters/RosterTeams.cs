using CivilProtection.Application.Directory;
using CivilProtection.Domain.Rosters;

namespace CivilProtection.Application.Rosters;

/// <summary>The teams an authority keeps rosters for: its operations desk and the approver groups of the stages it decides.</summary>
public sealed class RosterTeams(IDirectory directory)
{
    public async Task<IReadOnlyList<string>> OfAsync(string authorityId, CancellationToken cancellationToken)
    {
        var teams = new SortedSet<string>(StringComparer.Ordinal) { Teams.Operations };
        var authorities = await directory.ListAuthoritiesAsync(cancellationToken);
        foreach (var requesting in authorities)
        {
            foreach (var assisting in authorities.Where(a => a.Id != requesting.Id))
            {
                var route = await directory.FindRouteAsync(requesting.Id, assisting.Id, cancellationToken);
                foreach (var stage in route?.Stages.Where(s => s.AuthorityId == authorityId) ?? [])
                {
                    teams.Add(stage.ApproverGroup);
                }
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
