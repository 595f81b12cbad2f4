namespace CivilProtection.Domain.Requests;

/// <summary>The person behind a transition, as recorded in the audit trail.</summary>
public sealed record Actor(string UserId, string DisplayName);
