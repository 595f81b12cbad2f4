using CivilProtection.Application.Capabilities;
using CivilProtection.Domain.Dispatch;
using CivilProtection.Domain.Requests;

namespace CivilProtection.Application.Dispatch;

/// <summary>What an authority's commitments on a request call for, with the team compositions its admins set.</summary>
public static class CommitmentNeedsLookup
{
    public static async Task<IReadOnlyList<CapabilityNeed>> CommitmentNeedsAsync(
        this ICompositionStore compositions, AssistanceRequestState request, string authorityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(compositions);
        var own = await compositions.ListAsync(authorityId, cancellationToken);
        return CommitmentNeeds.Of(request, authorityId, code => own.TryGetValue(code, out var composition) ? composition.Composition : null);
    }
}
