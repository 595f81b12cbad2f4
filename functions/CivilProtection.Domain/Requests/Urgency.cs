namespace CivilProtection.Domain.Requests;

/// <summary>How fast assistance is needed; drives deadlines and the order of inboxes.</summary>
public enum Urgency
{
    LifeSafety = 0,
    Urgent = 1,
    Routine = 2,
}
