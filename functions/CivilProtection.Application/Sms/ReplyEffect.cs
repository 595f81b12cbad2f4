namespace CivilProtection.Application.Sms;

/// <summary>What an inbound SMS did: the answer it was given depends on this alone, so a repeat is answered alike.</summary>
public enum ReplyOutcome
{
    /// <summary>A code acknowledged a notice (the confirmation goes out as an SMS of its own).</summary>
    Acknowledged,

    /// <summary>A responder accepted an offer.</summary>
    Accepted,

    /// <summary>A responder declined an offer.</summary>
    Declined,

    /// <summary>Nothing the sender could answer matched it; it changed nothing and was answered with the help text.</summary>
    NotUnderstood,

    /// <summary>From a number the system does not know: changed nothing, answered nothing.</summary>
    FromUnknownNumber,

    /// <summary>A responder on a mission reported its deployment's new status (<see cref="ReplyEffect.Detail"/>).</summary>
    StatusReported,

    /// <summary>A status report that cannot follow where the sender's deployment stands (<see cref="ReplyEffect.Detail"/>); it changed nothing.</summary>
    StatusRefused,
}

/// <summary>What an inbound SMS did, and to which request (with its reference, for the answer) when it changed one.</summary>
public sealed record ReplyEffect(ReplyOutcome Outcome, string? RequestId, string? Reference)
{
    /// <summary>For a status report: the status reported, or the one the deployment is in when refused.</summary>
    public string? Detail { get; init; }

    public static ReplyEffect NotUnderstood { get; } = new(ReplyOutcome.NotUnderstood, null, null);

    public static ReplyEffect FromUnknownNumber { get; } = new(ReplyOutcome.FromUnknownNumber, null, null);
}

/// <summary>
/// The record, in a request's own partition, that an inbound SMS changed that request: committed in the same
/// transaction as the change, so the change and its record exist together or not at all.
/// </summary>
public sealed record AppliedReply(string MessageSid, string RequestId, ReplyOutcome Outcome, string Reference, DateTimeOffset At)
{
    /// <summary>See <see cref="ReplyEffect.Detail"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; init; }

    public ReplyEffect Effect => new(Outcome, RequestId, Reference) { Detail = Detail };
}
