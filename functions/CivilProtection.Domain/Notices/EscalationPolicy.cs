using CivilProtection.Domain.Requests;

namespace CivilProtection.Domain.Notices;

/// <summary>
/// How long a tier has to acknowledge, by urgency; how many times the tiers are paged round before admins are alerted;
/// and from which round a life-safety page also rings the person (0: never).
/// </summary>
public sealed record EscalationPolicy(TimeSpan LifeSafety, TimeSpan Urgent, TimeSpan Routine, int Rounds, int LifeSafetyCallFromRound = 2)
{
    /// <summary>As PagerDuty teams commonly set it: 5, 15, 60 minutes; two rounds; a life-safety notice rings from the second.</summary>
    public static EscalationPolicy Default { get; } = new(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60), 2);

    /// <summary>
    /// Whether the pages of <paramref name="round"/> also ring: a life-safety notice nobody acknowledged after a full
    /// round of SMS, as PagerDuty and Everbridge escalate from SMS to a voice call.
    /// </summary>
    public bool Rings(Urgency urgency, int round) =>
        urgency == Urgency.LifeSafety && LifeSafetyCallFromRound > 0 && round >= LifeSafetyCallFromRound;

    public TimeSpan AcknowledgeWithin(Urgency urgency) => urgency switch
    {
        Urgency.LifeSafety => LifeSafety,
        Urgency.Urgent => Urgent,
        _ => Routine,
    };
}
