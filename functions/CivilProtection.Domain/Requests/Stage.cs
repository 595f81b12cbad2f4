namespace CivilProtection.Domain.Requests;

/// <summary>One approval stage of a request: who decides, by when (deadlines copied from the route at filing), and what they decided.</summary>
public sealed record Stage(
    int Index,
    string Name,
    string AuthorityId,
    string ApproverGroup,
    Approvals.DecisionDeadlines Deadlines,
    StageStatus Status,
    DateTimeOffset? OpenedAt = null,
    DateTimeOffset? Deadline = null,
    string? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    string? Comment = null)
{
    /// <summary>The stage opened (again) at <paramref name="now"/>: pending, with its deadline for the urgency, and no decision.</summary>
    public Stage Open(DateTimeOffset now, Urgency urgency) => this with
    {
        Status = StageStatus.Pending,
        OpenedAt = now,
        Deadline = now + Deadlines.For(urgency),
        DecidedBy = null,
        DecidedAt = null,
        Comment = null,
    };
}
