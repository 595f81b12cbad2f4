using System.Text.Json.Serialization;
using CivilProtection.Domain.Offers;

namespace CivilProtection.Domain.Requests;

/// <summary>Everything a request is, as stored in its snapshot row; <see cref="AssistanceRequest"/> guards how it changes.</summary>
/// <param name="AssistingAuthorityId">
/// The one authority a request filed through a two-sided route asks (every request stored before the exchange); empty
/// for a request to partners, whose <see cref="Addressees"/> say whom it asks.
/// </param>
public sealed record AssistanceRequestState(
    string Id,
    string Reference,
    string RequestingAuthorityId,
    string AssistingAuthorityId,
    RequestDetails Details,
    RequestStatus Status,
    IReadOnlyList<Stage> Stages,
    int CurrentStageIndex,
    string FiledBy,
    DateTimeOffset FiledAt,
    DateTimeOffset UpdatedAt,
    int Version,
    int EventCount,
    string CorrelationId)
{
    /// <summary>The partners asked, and how each answered; null for a request through a two-sided route (and every row stored before).</summary>
    public IReadOnlyList<Addressee>? Addressees { get; init; }

    /// <summary>Every offer made on the request, solicited or not, in the order they were prepared.</summary>
    public IReadOnlyList<OfferState> Offers { get; init; } = [];

    /// <summary>The requester takes no further offer; those already sent may still be decided.</summary>
    public bool ClosedToOffers { get; init; }

    /// <summary>When the request went out to its partners, after the requesting side's validation.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>The deadline the requester set for offers: none is prepared after it, and then the request closes to offers by itself.</summary>
    public DateTimeOffset? OffersBy { get; init; }

    /// <summary>Each party's after-action note on a request to partners, at most one per authority (the latest).</summary>
    public IReadOnlyList<AfterActionNote> AfterActionNotes { get; init; } = [];

    // The three below are derived from what is stored, so they are never written into the snapshot.

    /// <summary>Whether the request asks partners for offers (rather than following a two-sided route).</summary>
    [JsonIgnore]
    public bool IsExchange => Addressees is not null;

    /// <summary>Every authority party to the request: the requester, then those asked, then those who offered unasked.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> PartyAuthorityIds =>
        IsExchange
            ? [RequestingAuthorityId, .. Addressees!.Select(a => a.AuthorityId), .. Offers.Select(o => o.AuthorityId).Where(id => Addressees!.All(a => a.AuthorityId != id)).Distinct()]
            : [RequestingAuthorityId, AssistingAuthorityId];

    /// <summary>The authorities that see the request: partners only once it went out to them.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> VisibleToAuthorityIds => IsExchange && SentAt is null ? [RequestingAuthorityId] : PartyAuthorityIds;

    /// <summary>The capability catalogue version the request was filed with; null for rows stored before versions, which read as <c>legacy-1</c>.</summary>
    public string? CatalogueVersion { get; init; }

    /// <summary>The EDXL-RM MessageID of the partner's RequestResource this request was imported from; null for one filed here.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OriginMessageId { get; init; }
}
