namespace CivilProtection.Domain.Requests;

/// <summary>One line of a request's timeline: who did what, when, with what comment.</summary>
/// <param name="Sequence">Position in the request's timeline, from 1.</param>
/// <param name="Action">What happened, in the words of <see cref="AuditActions"/>.</param>
public sealed record AuditEvent(int Sequence, DateTimeOffset At, string ActorId, string ActorName, string Action, string? Comment, int? StageIndex);

/// <summary>The actions a timeline records.</summary>
public static class AuditActions
{
    public const string Submitted = "submitted";
    public const string StageOpened = "stage-opened";
    public const string StageApproved = "stage-approved";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Returned = "returned-for-information";
    public const string Resubmitted = "resubmitted";
    public const string Cancelled = "cancelled";
    public const string Dispatched = "dispatched";
    public const string Closed = "closed";

    /// <summary>An admin sent one of the request's dead-lettered messages back to its queue.</summary>
    public const string DeadLetterReplayed = "dead-letter-replayed";

    /// <summary>An admin removed one of the request's dead-lettered messages for good.</summary>
    public const string DeadLetterDiscarded = "dead-letter-discarded";
}
