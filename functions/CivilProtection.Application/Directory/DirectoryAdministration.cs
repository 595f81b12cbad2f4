using System.Text.Json;
using CivilProtection.Application.Forms;
using CivilProtection.Application.Identity;
using CivilProtection.Application.Problems;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Authorities;
using CivilProtection.Domain.Partnerships;

namespace CivilProtection.Application.Directory;

/// <summary>
/// The directory as administrators run it in production: authorities, partnerships and their stages, people's access.
/// Every change is checked (<see cref="DirectoryAccess"/>, <see cref="DirectoryValidation"/>) before anything is
/// stored, guarded by the version read, written with its audit entry, and a repeat of a change already made stores nothing.
/// </summary>
public sealed class DirectoryAdministration(IDirectoryRecords records, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<DirectoryRecord<Authority>>> ListAuthoritiesAsync(Caller caller, CancellationToken cancellationToken) =>
        [.. (await records.ListAuthorityRecordsAsync(cancellationToken)).OrderBy(a => a.Value.Id, StringComparer.Ordinal)];

    public async Task<DirectoryRecord<Authority>> GetAuthorityAsync(Caller caller, string authorityId, CancellationToken cancellationToken) =>
        await records.GetAuthorityRecordAsync(authorityId, cancellationToken) ?? throw new NotFoundException($"No authority {authorityId}.");

    /// <summary>Creates or replaces an authority (platform administrators); retirement is kept as it is.</summary>
    public async Task<DirectoryRecord<Authority>> SaveAuthorityAsync(Caller caller, string authorityId, AuthorityForm form, CancellationToken cancellationToken)
    {
        DirectoryAccess.RequirePlatformAdmin(caller);
        var current = await records.GetAuthorityRecordAsync(authorityId, cancellationToken);
        var errors = new FieldErrors();
        var authority = DirectoryValidation.Authority(authorityId, form, current?.Value.Retired ?? false, errors);
        if (errors.Any)
        {
            throw new FormRejectedException(errors);
        }
        return await CommitAsync(caller, current, authority, form.Version, DirectoryEntities.Authority, authorityId, [authorityId],
            (version, audit) => records.CommitAuthorityAsync(authority, version, audit, cancellationToken));
    }

    /// <summary>Retires an authority (platform administrators): it files and receives nothing new; its requests stay as they are.</summary>
    public async Task<DirectoryRecord<Authority>> RetireAsync(Caller caller, string authorityId, VersionForm form, CancellationToken cancellationToken)
    {
        DirectoryAccess.RequirePlatformAdmin(caller);
        var current = await GetAuthorityAsync(caller, authorityId, cancellationToken);
        var retired = current.Value with { Retired = true };
        return await CommitAsync(caller, current, retired, form.Version ?? current.Version, DirectoryEntities.Authority, authorityId, [authorityId],
            (version, audit) => records.CommitAuthorityAsync(retired, version, audit, cancellationToken), "retire");
    }

    /// <summary>The partnerships the caller may see (all for platform administrators).</summary>
    public async Task<IReadOnlyList<DirectoryRecord<Partnership>>> ListPartnershipsAsync(Caller caller, CancellationToken cancellationToken) =>
        [.. (await records.ListPartnershipRecordsAsync(cancellationToken)).Where(p => DirectoryAccess.Sees(caller, p.Value)).OrderBy(p => p.Value.Key, StringComparer.Ordinal)];

    public async Task<DirectoryRecord<Partnership>> GetPartnershipAsync(Caller caller, string requestingId, string assistingId, CancellationToken cancellationToken) =>
        await records.GetPartnershipRecordAsync(requestingId, assistingId, cancellationToken) is { } found && DirectoryAccess.Sees(caller, found.Value)
            ? found
            : throw new NotFoundException($"No partnership from {requestingId} to {assistingId} that you may see.");

    /// <summary>Creates or replaces a whole partnership (platform administrators).</summary>
    public async Task<DirectoryRecord<Partnership>> SavePartnershipAsync(
        Caller caller, string requestingId, string assistingId, PartnershipForm form, CancellationToken cancellationToken)
    {
        DirectoryAccess.RequirePlatformAdmin(caller);
        var errors = new FieldErrors();
        await CheckPartnersAsync(requestingId, assistingId, errors, cancellationToken);
        var partnership = DirectoryValidation.Partnership(requestingId, assistingId, form, errors);
        if (errors.Any)
        {
            throw new FormRejectedException(errors);
        }
        var current = await records.GetPartnershipRecordAsync(requestingId, assistingId, cancellationToken);
        return await CommitAsync(caller, current, partnership, form.Version, DirectoryEntities.Partnership, partnership.Key, [requestingId, assistingId],
            (version, audit) => records.CommitPartnershipAsync(partnership, version, audit, cancellationToken));
    }

    /// <summary>
    /// Replaces one side's stages of a partnership: <see cref="PartnershipSides.Request"/> by the requesting authority's
    /// admins, <see cref="PartnershipSides.Offer"/> by the assisting authority's (or platform administrators); the other side is untouched.
    /// </summary>
    public async Task<DirectoryRecord<Partnership>> SaveStagesAsync(
        Caller caller, string requestingId, string assistingId, string side, StagesForm form, CancellationToken cancellationToken)
    {
        var deciding = side switch
        {
            PartnershipSides.Request => requestingId,
            PartnershipSides.Offer => assistingId,
            _ => throw new FormRejectedException("side", FieldError.NotOneOf(["request", "offer"])),
        };
        DirectoryAccess.RequireAdministers(caller, deciding);
        var current = await GetPartnershipAsync(caller, requestingId, assistingId, cancellationToken);
        var errors = new FieldErrors();
        var stages = DirectoryValidation.Stages(form.Stages, "stages", deciding, errors);
        if (errors.Any)
        {
            throw new FormRejectedException(errors);
        }
        var changed = side == PartnershipSides.Request ? current.Value with { RequestStages = stages } : current.Value with { OfferStages = stages };
        return await CommitAsync(caller, current, changed, form.Version, DirectoryEntities.Partnership, changed.Key, [requestingId, assistingId],
            (version, audit) => records.CommitPartnershipAsync(changed, version, audit, cancellationToken), $"stages-{side}");
    }

    /// <summary>The people of an authority as the directory knows them (its admins and platform administrators).</summary>
    public async Task<IReadOnlyList<DirectoryRecord<DirectoryUser>>> ListPeopleAsync(Caller caller, string authorityId, CancellationToken cancellationToken)
    {
        DirectoryAccess.RequireAdministers(caller, authorityId);
        _ = await GetAuthorityAsync(caller, authorityId, cancellationToken);
        return [.. (await records.ListUserRecordsAsync(cancellationToken)).Where(u => u.Value.AuthorityId == authorityId).OrderBy(u => u.Value.UserId, StringComparer.Ordinal)];
    }

    /// <summary>Creates or replaces a person's access in an authority: display name, roles, approver groups.</summary>
    public async Task<DirectoryRecord<DirectoryUser>> SavePersonAsync(
        Caller caller, string authorityId, string userId, DirectoryPersonForm form, CancellationToken cancellationToken)
    {
        DirectoryAccess.RequireAdministers(caller, authorityId);
        _ = await GetAuthorityAsync(caller, authorityId, cancellationToken);
        var current = await records.GetUserRecordAsync(userId, cancellationToken);
        if (current is not null && current.Value.AuthorityId != authorityId && !DirectoryAccess.IsPlatformAdmin(caller))
        {
            // Another authority's person: an admin never moves or edits them, and learns nothing about them.
            throw new AccessDeniedException($"The user {userId} cannot be managed by {authorityId}'s admins.");
        }
        var errors = new FieldErrors();
        var user = DirectoryValidation.Person(userId, authorityId, form, DirectoryAccess.GrantableRoles(caller), errors);
        if (current?.Value.Roles.Contains(Roles.PlatformAdmin, StringComparer.Ordinal) == true && !DirectoryAccess.IsPlatformAdmin(caller))
        {
            errors.Add("roles", FieldError.NotAllowedHere);
        }
        if (errors.Any)
        {
            throw new FormRejectedException(errors);
        }
        var concerned = current is null || current.Value.AuthorityId == authorityId ? new[] { authorityId } : [current.Value.AuthorityId, authorityId];
        return await CommitAsync(caller, current, user, form.Version, DirectoryEntities.User, userId, concerned,
            (version, audit) => records.CommitUserAsync(user, version, audit, cancellationToken));
    }

    /// <summary>The audit trail the caller may see, newest first: all of it for platform administrators, their authority's for its admins.</summary>
    public async Task<IReadOnlyList<DirectoryAuditEntry>> ListAuditAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!DirectoryAccess.IsPlatformAdmin(caller) && !caller.IsIn(Roles.Admin))
        {
            throw new AccessDeniedException("Only admins and platform administrators read the directory's audit trail.");
        }
        return [.. (await records.ListAuditAsync(cancellationToken)).Where(e => DirectoryAccess.Sees(caller, e))];
    }

    /// <summary>
    /// Writes <paramref name="changed"/> unless it is already what is stored (a repeat stores nothing and answers as the
    /// first did); otherwise the version given must be the one stored (none when creating), else 409.
    /// </summary>
    private async Task<DirectoryRecord<T>> CommitAsync<T>(
        Caller caller, DirectoryRecord<T>? current, T changed, string? givenVersion, string entity, string entityId, IReadOnlyList<string> authorityIds,
        Func<string?, DirectoryAuditEntry, Task<string>> commit, string? action = null)
    {
        var after = JsonSerializer.Serialize(changed, Json);
        var before = current is null ? null : JsonSerializer.Serialize(current.Value, Json);
        if (before == after && current!.Version is not null)
        {
            return current;
        }
        if (current?.Version is { } stored && givenVersion != stored)
        {
            throw new ConcurrentChangeException(givenVersion is null
                ? $"{entityId} exists: send the version you read (field version or If-Match) to replace it."
                : $"Someone else changed {entityId} since you loaded it; reload it and make your change again.");
        }
        if (current is null && givenVersion is not null)
        {
            throw new ConcurrentChangeException($"{entityId} no longer exists as you read it; reload it.");
        }
        var audit = new DirectoryAuditEntry(
            Guid.NewGuid().ToString("N"), clock.GetUtcNow(), caller.UserId, caller.DisplayName, entity, entityId,
            action ?? (current is null ? "create" : "update"), authorityIds, before, after);
        var version = await commit(current?.Version, audit);
        return new DirectoryRecord<T>(changed, version);
    }

    private async Task CheckPartnersAsync(string requestingId, string assistingId, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (requestingId == assistingId)
        {
            errors.Add("assistingId", FieldError.OwnAuthority);
        }
        if (await records.GetAuthorityRecordAsync(requestingId, cancellationToken) is null)
        {
            errors.Add("requestingId", FieldError.Unknown(requestingId));
        }
        if (await records.GetAuthorityRecordAsync(assistingId, cancellationToken) is null)
        {
            errors.Add("assistingId", FieldError.Unknown(assistingId));
        }
    }
}
