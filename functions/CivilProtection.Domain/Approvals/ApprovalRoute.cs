namespace CivilProtection.Domain.Approvals;

/// <summary>The ordered approval stages a request from one authority to another goes through.</summary>
public sealed record ApprovalRoute(string RequestingAuthorityId, string AssistingAuthorityId, IReadOnlyList<StageDefinition> Stages)
{
    /// <summary>The partition-friendly key of the route between two authorities.</summary>
    public string Key => KeyOf(RequestingAuthorityId, AssistingAuthorityId);

    public static string KeyOf(string requestingAuthorityId, string assistingAuthorityId) => $"{requestingAuthorityId}>{assistingAuthorityId}";
}

/// <summary>One stage of a route: which authority's approver group decides, and how long it has by urgency.</summary>
public sealed record StageDefinition(string Name, string AuthorityId, string ApproverGroup, DecisionDeadlines Deadlines);

/// <summary>How long a stage may take to decide, per urgency.</summary>
public sealed record DecisionDeadlines(TimeSpan LifeSafety, TimeSpan Urgent, TimeSpan Routine)
{
    public TimeSpan For(Requests.Urgency urgency) => urgency switch
    {
        Requests.Urgency.LifeSafety => LifeSafety,
        Requests.Urgency.Urgent => Urgent,
        _ => Routine,
    };

    /// <summary>Defaults fit for a crisis: an hour for life safety, four for urgent, a day for routine.</summary>
    public static DecisionDeadlines Default { get; } = new(TimeSpan.FromHours(1), TimeSpan.FromHours(4), TimeSpan.FromHours(24));
}
