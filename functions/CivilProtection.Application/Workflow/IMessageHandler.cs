using CivilProtection.Application.Messaging;

namespace CivilProtection.Application.Workflow;

/// <summary>Handles the messages of one queue. Handlers are idempotent: a redelivered message changes nothing twice.</summary>
public interface IMessageHandler
{
    string Queue { get; }

    Task<HandlingResult> HandleAsync(ReceivedMessage message, CancellationToken cancellationToken);
}

/// <summary>What the pump does with a message once handled: complete it, or dead-letter one that can never succeed.</summary>
/// <remarks>A handler that throws has met a transient fault: the pump abandons the message so it is delivered again.</remarks>
public sealed record HandlingResult(bool Succeeded, string? DeadLetterReason = null, string? DeadLetterDescription = null)
{
    public static HandlingResult Done { get; } = new(true);

    public static HandlingResult Poison(string reason, string description) => new(false, reason, description);
}
