namespace CivilProtection.Domain.Requests;

/// <summary>Everything a request is, as stored in its snapshot row; <see cref="AssistanceRequest"/> guards how it changes.</summary>
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
    /// <summary>The capability catalogue version the request was filed with; null for rows stored before versions, which read as <c>legacy-1</c>.</summary>
    public string? CatalogueVersion { get; init; }
}
