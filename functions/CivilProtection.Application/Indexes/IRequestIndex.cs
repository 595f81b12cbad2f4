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

    /// <summary>
    /// At most <paramref name="pageSize"/> entries of an authority's list matching the filter, newest filing first, from
    /// just after the position <paramref name="after"/> (null: the start); the page says where the next one starts.
    /// </summary>
    Task<RequestListPage> ListAsync(string authorityId, RequestListFilter filter, string? after, int pageSize, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="after"/> has the shape of a position <see cref="RequestListPage.After"/> gives.</summary>
    bool IsListPosition(string after);

    Task<IReadOnlyList<InboxEntry>> InboxAsync(string authorityId, string approverGroup, CancellationToken cancellationToken);

    /// <summary>The request version an authority's list shows (one point read); null when the list does not hold the request.</summary>
    Task<int?> ListedVersionAsync(string authorityId, string requestId, CancellationToken cancellationToken);

    /// <summary>The request version an approver group's inbox holds (one point read); null when the inbox never received it.</summary>
    Task<int?> InboxVersionAsync(string authorityId, string approverGroup, string requestId, CancellationToken cancellationToken);
}

/// <summary>What a list is narrowed to, all applied by the store: any of the statuses (none: all), one urgency, incident type and party, a filing period, a reference prefix.</summary>
/// <param name="PartyId">An authority the request concerns: the requester, the assisting authority, or a partner asked.</param>
/// <param name="FiledBefore">Exclusive; <paramref name="FiledFrom"/> is inclusive.</param>
public sealed record RequestListFilter(
    IReadOnlyList<string> Statuses,
    string? Urgency = null,
    string? IncidentType = null,
    string? PartyId = null,
    DateTimeOffset? FiledFrom = null,
    DateTimeOffset? FiledBefore = null,
    string? ReferencePrefix = null)
{
    public static RequestListFilter None { get; } = new([]);

    public static RequestListFilter OfStatus(string status) => new([status]);

    /// <summary>The filter as one text, the same for the same filter whatever the order its statuses were given in.</summary>
    public string Canonical() => string.Join('|',
        string.Join(',', Statuses.Order(StringComparer.Ordinal)), Urgency, IncidentType, PartyId, FiledFrom?.UtcTicks, FiledBefore?.UtcTicks, ReferencePrefix);
}

/// <summary>One page of a list, and the position the next page starts after (null when this is the last).</summary>
public sealed record RequestListPage(IReadOnlyList<RequestListEntry> Entries, string? After);

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
