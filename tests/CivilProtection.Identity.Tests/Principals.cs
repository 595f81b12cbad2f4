using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CivilProtection.Api.Identity;

namespace CivilProtection.Identity.Tests;

/// <summary>X-MS-CLIENT-PRINCIPAL headers as App Service authentication writes them for a Microsoft Entra sign-in.</summary>
internal static class Principals
{
    public const string NameType = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";
    public const string RoleType = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";
    public const string ObjectIdType = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    /// <summary>A principal with the claims Entra ID puts in an ID token: object id, name, and one <c>roles</c> claim per app role.</summary>
    public static string Of(string objectId, string name, params string[] roles)
    {
        var claims = new List<object>
        {
            new { typ = "aud", val = "00000000-0000-0000-0000-00000000c11e" },
            new { typ = ObjectIdType, val = objectId },
            new { typ = "name", val = name },
            new { typ = "preferred_username", val = "someone@example.org" },
        };
        claims.AddRange(roles.Select(role => new { typ = "roles", val = role }));
        return Encode(JsonSerializer.Serialize(new { auth_typ = "aad", claims, name_typ = NameType, role_typ = RoleType }));
    }

    public static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    /// <summary>A client whose every call carries the principal, as Easy Auth would add it.</summary>
    public static HttpClient ClientWith(Uri baseAddress, string? principalHeader)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (principalHeader is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(AppServiceAuthentication.Header, principalHeader);
        }
        return client;
    }
}
