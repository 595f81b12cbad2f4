namespace CivilProtection.Application.Problems;

/// <summary>An <c>Idempotency-Key</c> was sent again with a different body: a client bug, refused rather than guessed at.</summary>
public sealed class IdempotencyKeyReusedException : Exception
{
    public IdempotencyKeyReusedException(string message) : base(message) { }

    public IdempotencyKeyReusedException() { }

    public IdempotencyKeyReusedException(string message, Exception innerException) : base(message, innerException) { }
}
