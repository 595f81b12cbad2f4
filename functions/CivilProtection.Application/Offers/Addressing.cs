using CivilProtection.Application.Directory;
using CivilProtection.Application.Forms;
using CivilProtection.Domain.Approvals;
using CivilProtection.Domain.Partnerships;
using CivilProtection.Application.Problems;

namespace CivilProtection.Application.Offers;

/// <summary>Whom a request to partners asks: the authorities named, or every active partner, each through an active partnership.</summary>
public sealed class Addressing(IDirectory directory)
{
    public const int MaxAddressed = 50;

    /// <summary>How far ahead the deadline for offers may be set.</summary>
    public static readonly TimeSpan MaxOffersBy = TimeSpan.FromDays(90);

    /// <summary>The deadline for offers: only on a request to partners, in the future, at most <see cref="MaxOffersBy"/> ahead.</summary>
    public static void CheckOffersBy(RequestForm form, bool toPartners, DateTimeOffset now, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(form);
        CheckOffersBy(form.OffersBy, toPartners, now, errors);
    }

    /// <summary>The same checks for a deadline set when filing or moved by an amendment.</summary>
    public static void CheckOffersBy(DateTimeOffset? offersBy, bool toPartners, DateTimeOffset now, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (offersBy is not { } deadline)
        {
            return;
        }
        if (!toPartners)
        {
            errors.Add("offersBy", FieldError.NotAllowedHere);
        }
        else if (deadline <= now)
        {
            errors.Add("offersBy", FieldError.InThePast);
        }
        else if (deadline > now + MaxOffersBy)
        {
            errors.Add("offersBy", FieldError.TooFarAhead((int)MaxOffersBy.TotalDays));
        }
    }

    /// <summary>The partnerships of the authorities asked, or the fields that are wrong.</summary>
    public async Task<IReadOnlyList<Partnership>> ResolveAsync(string requestingAuthorityId, RequestForm form, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (form.AssistingAuthorityId is not null)
        {
            errors.Add("assistingAuthorityId", FieldError.Exclusive("assistingAuthorityIds"));
        }
        if (form.AllPartners == true)
        {
            if (form.AssistingAuthorityIds is { Count: > 0 })
            {
                errors.Add("assistingAuthorityIds", FieldError.Exclusive("allPartners"));
                return [];
            }
            var all = await PartnersOfAsync(requestingAuthorityId, cancellationToken);
            if (all.Count == 0)
            {
                errors.Add("allPartners", FieldError.TooFew(1));
            }
            return all;
        }
        var named = form.AssistingAuthorityIds ?? [];
        if (named.Count == 0 || named.Count > MaxAddressed)
        {
            errors.Add("assistingAuthorityIds", FieldError.CountOutOfRange(1, MaxAddressed));
            return [];
        }
        var partnerships = new List<Partnership>();
        for (var i = 0; i < named.Count; i++)
        {
            var id = named[i];
            var field = $"assistingAuthorityIds[{i}]";
            if (string.IsNullOrWhiteSpace(id) || id == requestingAuthorityId)
            {
                errors.Add(field, FieldError.OwnAuthority);
            }
            else if (named.Take(i).Contains(id))
            {
                errors.Add(field, FieldError.Duplicate);
            }
            else if (await directory.FindAuthorityAsync(id, cancellationToken) is not { } authority || authority.Retired)
            {
                errors.Add(field, FieldError.Unknown(id));
            }
            else if (await directory.FindPartnershipAsync(requestingAuthorityId, id, cancellationToken) is not { Active: true } partnership)
            {
                errors.Add(field, FieldError.NotAPartner(id));
            }
            else
            {
                partnerships.Add(partnership);
            }
        }
        return partnerships;
    }

    /// <summary>
    /// The requesting side's validation when several partnerships apply: each stage once (by approver group), in the
    /// order first met, with the shortest deadline any of them sets, so no partnership's validation is skipped or slowed.
    /// </summary>
    public static IReadOnlyList<StageDefinition> ValidationStages(IReadOnlyList<Partnership> partnerships) =>
        partnerships.SelectMany(p => p.RequestStages)
            .GroupBy(s => (s.AuthorityId, s.ApproverGroup))
            .Select(g => g.First() with
            {
                Deadlines = new DecisionDeadlines(g.Min(s => s.Deadlines.LifeSafety), g.Min(s => s.Deadlines.Urgent), g.Min(s => s.Deadlines.Routine)),
            })
            .ToList();

    private async Task<IReadOnlyList<Partnership>> PartnersOfAsync(string requestingAuthorityId, CancellationToken cancellationToken)
    {
        var authorities = (await directory.ListAuthoritiesAsync(cancellationToken)).ToDictionary(a => a.Id, StringComparer.Ordinal);
        return (await directory.ListPartnershipsAsync(cancellationToken))
            .Where(p => p.RequestingAuthorityId == requestingAuthorityId && p.Active
                && authorities.TryGetValue(p.AssistingAuthorityId, out var assisting) && !assisting.Retired)
            .OrderBy(p => p.AssistingAuthorityId, StringComparer.Ordinal)
            .ToList();
    }
}
