using CivilProtection.Domain.Approvals;
using CivilProtection.Domain.Authorities;
using CivilProtection.Domain.Partnerships;

namespace CivilProtection.Application.Directory;

/// <summary>Authorities, people and approval routes: the reference data every call checks against.</summary>
public interface IDirectory
{
    Task<IReadOnlyList<Authority>> ListAuthoritiesAsync(CancellationToken cancellationToken);

    Task<Authority?> FindAuthorityAsync(string authorityId, CancellationToken cancellationToken);

    Task<ApprovalRoute?> FindRouteAsync(string requestingAuthorityId, string assistingAuthorityId, CancellationToken cancellationToken);

    /// <summary>The partnership from one authority to another: a stored partnership, else the route stored before partnerships existed.</summary>
    Task<Partnership?> FindPartnershipAsync(string requestingAuthorityId, string assistingAuthorityId, CancellationToken cancellationToken);

    /// <summary>Every partnership, those read from stored routes included.</summary>
    Task<IReadOnlyList<Partnership>> ListPartnershipsAsync(CancellationToken cancellationToken);

    Task<DirectoryUser?> FindUserAsync(string userId, CancellationToken cancellationToken);

    Task<IReadOnlyList<DirectoryUser>> ListUsersAsync(CancellationToken cancellationToken);

    Task SaveAuthorityAsync(Authority authority, CancellationToken cancellationToken);

    Task SaveRouteAsync(ApprovalRoute route, CancellationToken cancellationToken);

    Task SavePartnershipAsync(Partnership partnership, CancellationToken cancellationToken);

    Task SaveUserAsync(DirectoryUser user, CancellationToken cancellationToken);
}
