namespace CivilProtection.Application.Notices;

/// <summary>The escalation policy and links of notices (section <c>CivilProtection:Notices</c>).</summary>
public sealed class NoticeOptions
{
    public const string SectionName = "CivilProtection:Notices";

    /// <summary>How long a tier has to acknowledge a life-safety notice before the next is paged.</summary>
    public TimeSpan LifeSafetyAcknowledgeWithin { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan UrgentAcknowledgeWithin { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RoutineAcknowledgeWithin { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>How many times every tier is paged before the authority's admins are alerted.</summary>
    public int Rounds { get; set; } = 2;

    /// <summary>
    /// From which round a life-safety notice also rings the person paged (Twilio Programmable Voice): 2 rings once
    /// a whole round of SMS went unacknowledged; 1 rings from the first page; 0 never rings.
    /// </summary>
    public int LifeSafetyCallFromRound { get; set; } = 2;

    /// <summary>How long a call rings before it counts as unanswered (Twilio's <c>Timeout</c>: 5 to 600 seconds).</summary>
    public TimeSpan CallRingFor { get; set; } = TimeSpan.FromSeconds(45);

    public static readonly TimeSpan ShortestRing = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan LongestRing = TimeSpan.FromMinutes(10);

    /// <summary>How long a responder has to answer a dispatch offer before it counts as silence.</summary>
    public TimeSpan DispatchAnswerWithin { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long after the estimated arrival departed teams may go unreported on site before their leader, then their authority's contact point, is paged.</summary>
    public TimeSpan ArrivalOverdueAfter { get; set; } = TimeSpan.FromHours(1);

    public Domain.Notices.EscalationPolicy Policy => new(LifeSafetyAcknowledgeWithin, UrgentAcknowledgeWithin, RoutineAcknowledgeWithin, Rounds, LifeSafetyCallFromRound);
}
