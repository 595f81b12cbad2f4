namespace CivilProtection.Domain.Requests;

/// <summary>A transition that the request's current state does not allow (approving twice, cancelling a rejected request...).</summary>
public sealed class TransitionRefusedException : InvalidOperationException
{
    public TransitionRefusedException(string message) : base(message) { }

    public TransitionRefusedException() { }

    public TransitionRefusedException(string message, Exception innerException) : base(message, innerException) { }
}
