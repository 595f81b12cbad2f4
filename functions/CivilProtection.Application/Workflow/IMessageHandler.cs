using CivilProtection.Application.Messaging;

namespace CivilProtection.Application.Workflow;

/// <summary>Handles the messages of one queue. Handlers are idempotent: a redelivered message changes nothing twice.</summary>
public interface IMessageHandler
{
    string Queue { get; }

    /// <summary>
    /// Whether a person waits to see this work done, as an approver waits for a new item in the inbox: its storage
    /// calls then go with people's calls, not behind them as <see cref="BackgroundWork"/>.
    /// </summary>
    bool AwaitedByPeople => false;

    Task<HandlingResult> HandleAsync(ReceivedMessage message, CancellationToken cancellationToken);
}

/// <summary>What the pump does with a message once handled: complete it, or dead-letter one that can never succeed.</summary>
/// <remarks>A handler that throws has met a transient fault: the pump abandons the message so it is delivered again.</remarks>
public sealed record HandlingResult(bool Succeeded, string? DeadLetterReason = null, string? DeadLetterDescription = null)
{
    public static HandlingResult Done { get; } = new(true);

    public static HandlingResult Poison(string reason, string description) => new(false, reason, description);
}
