using Microsoft.AspNetCore.Http;

namespace CivilProtection.Api.Identity;

/// <summary>
/// Who an identity provider says signed in: the id the directory knows them by, their name, and the app roles the
/// provider asserts. Unlike a bare user id, these roles come from a signed token, so they are authoritative.
/// </summary>
public sealed record SignedInPerson(string UserId, string? Name, IReadOnlyList<string> Roles);

/// <summary>A caller source backed by an identity provider: it knows the person's roles, not only their id.</summary>
public interface IIdentityProviderSource : ICallerSource
{
    /// <summary>The person the provider signed in, or null when this call carries no (readable) sign-in.</summary>
    SignedInPerson? FindPerson(HttpContext http);
}
