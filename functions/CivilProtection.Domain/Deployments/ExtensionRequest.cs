namespace CivilProtection.Domain.Deployments;

/// <summary>
/// The requester asks to keep a deployment to a new end date; the assisting authority decides it through the approval
/// stages its offer went through, one after the other.
/// </summary>
/// <param name="CurrentStageIndex">The stage deciding now while pending.</param>
public sealed record ExtensionRequest(
    DateTimeOffset Until,
    string Reason,
    string AskedBy,
    string AskerName,
    DateTimeOffset AskedAt,
    IReadOnlyList<ExtensionStage> Stages,
    ExtensionStatus Status = ExtensionStatus.Pending,
    int CurrentStageIndex = 0);

/// <summary>
/// One stage of the assisting side deciding an extension: its approver group (null: any approver of the authority,
/// when its offer had no stage) and its decision once made.
/// </summary>
public sealed record ExtensionStage(
    string Name, string? ApproverGroup, bool? Approved = null, string? DecidedBy = null, string? DeciderName = null, DateTimeOffset? DecidedAt = null,
    string? Comment = null);

/// <summary>Where an extension stands.</summary>
public enum ExtensionStatus
{
    Pending,
    Approved,
    Declined,
}
