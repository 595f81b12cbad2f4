namespace CivilProtection.Application.Problems;

/// <summary>Nothing the caller may see exists under that id (a request of other authorities is not found either).</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException(string message) : base(message) { }

    public NotFoundException() { }

    public NotFoundException(string message, Exception innerException) : base(message, innerException) { }
}
