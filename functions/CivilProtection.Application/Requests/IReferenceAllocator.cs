namespace CivilProtection.Application.Requests;

/// <summary>Hands out human-readable references such as <c>AR-2026-00042</c>, unique per year.</summary>
public interface IReferenceAllocator
{
    Task<string> NextAsync(int year, CancellationToken cancellationToken);
}
