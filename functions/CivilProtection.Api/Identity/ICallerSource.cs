using CivilProtection.Application.Identity;
using Microsoft.AspNetCore.Http;

namespace CivilProtection.Api.Identity;

/// <summary>A way of knowing who is calling: the Development sign-in locally, App Service authentication in Azure.</summary>
public interface ICallerSource
{
    /// <summary>The user id the call is made by, or null when this source does not know.</summary>
    string? FindUserId(HttpContext http);
}
