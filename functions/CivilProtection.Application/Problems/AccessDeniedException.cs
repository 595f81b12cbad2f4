namespace CivilProtection.Application.Problems;

/// <summary>The caller is known but may not do this (wrong role, wrong authority, wrong approver group).</summary>
public sealed class AccessDeniedException : Exception
{
    public AccessDeniedException(string message) : base(message) { }

    public AccessDeniedException() { }

    public AccessDeniedException(string message, Exception innerException) : base(message, innerException) { }
}
