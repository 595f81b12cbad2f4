using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CivilProtection.FunctionsHostDouble.Http;

/// <summary>
/// App Service authentication as the app sees it: a signed-in browser carries a session cookie, and for its requests
/// Easy Auth sets <c>X-MS-CLIENT-PRINCIPAL</c> (base64 JSON of the token's claims) and its <c>-ID</c>, <c>-NAME</c>
/// and <c>-IDP</c> siblings, after dropping whatever a client sent under those names. Sign-in itself (the Entra ID
/// round trip) is not played: a test makes a session directly.
/// </summary>
internal sealed class AppServiceSessions
{
    public const string Cookie = "AppServiceAuthSession";
    private const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";
    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    private const string NameClaim = "name";
    private const string RoleClaim = "roles";

    private readonly ConcurrentDictionary<string, (string ObjectId, string Name, string Principal)> _sessions = new(StringComparer.Ordinal);

    /// <summary>A new session for a person of Entra ID; the value goes in the <see cref="Cookie"/> cookie.</summary>
    public string SignIn(string objectId, string name, IEnumerable<string> roles)
    {
        var claims = new JsonArray
        {
            new JsonObject { ["typ"] = ObjectIdClaim, ["val"] = objectId },
            new JsonObject { ["typ"] = NameClaim, ["val"] = name },
        };
        foreach (var role in roles)
        {
            claims.Add(new JsonObject { ["typ"] = RoleClaim, ["val"] = role });
        }
        var principal = new JsonObject { ["auth_typ"] = "aad", ["name_typ"] = NameClaim, ["role_typ"] = RoleClaim, ["claims"] = claims };
        var session = Convert.ToHexString(Guid.NewGuid().ToByteArray()) + Convert.ToHexString(Guid.NewGuid().ToByteArray());
        _sessions[session] = (objectId, name, Convert.ToBase64String(Encoding.UTF8.GetBytes(principal.ToJsonString())));
        return session;
    }

    /// <summary>The headers Easy Auth would send on for this request: none of the client's, and the session's if it has one.</summary>
    public IEnumerable<KeyValuePair<string, string>> Headers(HttpRequest request)
    {
        if (request.Cookies.TryGetValue(Cookie, out var session) && _sessions.TryGetValue(session, out var signedIn))
        {
            yield return new(PrincipalHeader, signedIn.Principal);
            yield return new(PrincipalHeader + "-ID", signedIn.ObjectId);
            yield return new(PrincipalHeader + "-NAME", signedIn.Name);
            yield return new(PrincipalHeader + "-IDP", "aad");
        }
    }

    /// <summary>Whether a client's header is one Easy Auth owns (and so never passes on from a client).</summary>
    public static bool IsOwned(string header) => header.StartsWith(PrincipalHeader, StringComparison.OrdinalIgnoreCase);
}
