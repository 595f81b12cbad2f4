using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Notices;

/// <summary>How long a tier has to acknowledge, by urgency, and how many times the tiers are paged round before admins are alerted.</summary>
public sealed record EscalationPolicy(TimeSpan LifeSafety, TimeSpan Urgent, TimeSpan Routine, int Rounds)
{
    /// <summary>As PagerDuty teams commonly set it: 5, 15, 60 minutes; two rounds.</summary>
    public static EscalationPolicy Default { get; } = new(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60), 2);

    public TimeSpan AcknowledgeWithin(Urgency urgency) => urgency switch
    {
        Urgency.LifeSafety => LifeSafety,
        Urgency.Urgent => Urgent,
        _ => Routine,
    };
}
