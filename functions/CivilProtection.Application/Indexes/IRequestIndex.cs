namespace CivilProtection.Application.Indexes;

/// <summary>
/// The lists people need, kept in their own partitions and fed from the outbox: requests by authority
/// (filterable by status), and each approver group's inbox. Never computed by scanning the requests.
/// </summary>
public interface IRequestIndex
{
    /// <summary>Writes an entry unless the index already holds the same or a newer version of it.</summary>
    Task UpsertListEntryAsync(string authorityId, RequestListEntry entry, CancellationToken cancellationToken);

    /// <summary>Writes an inbox entry (active or not) unless the inbox already holds the same or a newer version.</summary>
    Task UpsertInboxEntryAsync(string authorityId, string approverGroup, InboxEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<RequestListEntry>> ListAsync(string authorityId, string? status, CancellationToken cancellationToken);

    Task<IReadOnlyList<InboxEntry>> InboxAsync(string authorityId, string approverGroup, CancellationToken cancellationToken);

    /// <summary>The request version an authority's list shows (one point read); null when the list does not hold the request.</summary>
    Task<int?> ListedVersionAsync(string authorityId, string requestId, CancellationToken cancellationToken);

    /// <summary>The request version an approver group's inbox holds (one point read); null when the inbox never received it.</summary>
    Task<int?> InboxVersionAsync(string authorityId, string approverGroup, string requestId, CancellationToken cancellationToken);
}

/// <summary>A request as listed for one of the authorities it concerns.</summary>
/// <param name="AddressedAuthorityIds">For a request to partners: all of them in the requester's list, the partner itself in a partner's.</param>
public sealed record RequestListEntry(
    string RequestId,
    string Reference,
    string Title,
    string IncidentType,
    string Urgency,
    string Status,
    string RequestingAuthorityId,
    string AssistingAuthorityId,
    int CurrentStageIndex,
    DateTimeOffset FiledAt,
    DateTimeOffset UpdatedAt,
    int Version,
    IReadOnlyList<string>? AddressedAuthorityIds = null);

/// <summary>An item waiting for an approver group's decision (a stage of the request, or of an offer when <c>OfferId</c> is set); inactive once decided or withdrawn.</summary>
public sealed record InboxEntry(
    string RequestId,
    string Reference,
    string Title,
    string Urgency,
    string RequestingAuthorityId,
    string AssistingAuthorityId,
    int StageIndex,
    string StageName,
    DateTimeOffset OpenedAt,
    DateTimeOffset Deadline,
    bool Active,
    DateTimeOffset RoutedAt,
    int Version,
    string? OfferId = null);
