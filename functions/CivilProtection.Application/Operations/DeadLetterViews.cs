namespace CivilProtection.Application.Operations;

/// <summary>One queue's dead letters as an admin may see them, oldest first.</summary>
/// <param name="More">The queue held at least as many dead letters as are read per queue: there may be more behind them.</param>
public sealed record QueueDeadLetters(string Queue, IReadOnlyList<DeadLetterView> DeadLetters, bool More);

/// <summary>A dead-lettered message without its body: why it failed, what it concerns, how long it has waited.</summary>
/// <param name="SequenceNumber">Names it, with <paramref name="Queue"/>, to replay or discard it.</param>
/// <param name="EnqueuedAt">When its queue first accepted it.</param>
/// <param name="AgeSeconds">Whole seconds since <paramref name="EnqueuedAt"/>.</param>
/// <param name="RequestId">The request it names, if any (even one that does not exist).</param>
/// <param name="Reference">That request's reference, when it exists.</param>
public sealed record DeadLetterView(
    string Queue,
    long SequenceNumber,
    string MessageId,
    string Subject,
    string? Reason,
    string? Description,
    int DeliveryCount,
    DateTimeOffset EnqueuedAt,
    long AgeSeconds,
    string? RequestId,
    string? Reference);

/// <summary>What an admin did with a dead letter.</summary>
/// <param name="Outcome">One of <see cref="DeadLetterOutcomes"/>.</param>
/// <param name="ReplayedMessageId">The id the replayed copy travels under; null for a discard.</param>
/// <param name="RequestId">The request whose timeline records it; null when it concerned none.</param>
public sealed record DeadLetterSettlement(string Queue, long SequenceNumber, string Outcome, string? ReplayedMessageId, string? RequestId);

/// <summary>What can be done with a dead letter.</summary>
public static class DeadLetterOutcomes
{
    /// <summary>Sent back to its queue as a fresh delivery.</summary>
    public const string Replayed = "replayed";

    /// <summary>Removed for good.</summary>
    public const string Discarded = "discarded";
}

/// <summary>The body of a replay or a discard: why, for the timeline (optional).</summary>
public sealed class DeadLetterForm
{
    public string? Comment { get; set; }
}
