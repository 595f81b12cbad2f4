using System.Text;
using System.Text.Json;
using CivilProtection.Application.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CivilProtection.Api.Identity;

/// <summary>
/// The signed-in person as App Service authentication (Easy Auth, Microsoft Entra ID) hands them over: the
/// <c>X-MS-CLIENT-PRINCIPAL</c> header, base64 JSON <c>{ auth_typ, name_typ, role_typ, claims: [{ typ, val }] }</c>.
/// Easy Auth strips that header from what browsers send and sets it itself, so it is believed only when
/// <see cref="IdentityOptions.TrustAppServiceAuthentication"/> says the app runs behind Easy Auth; otherwise it is ignored.
/// A header that cannot be read counts as nobody (401), never as a fault.
/// </summary>
public sealed partial class AppServiceAuthentication(IOptions<IdentityOptions> options, ILogger<AppServiceAuthentication> logger) : IIdentityProviderSource
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>Far above any real principal (a few KiB), far below what would cost anything to refuse.</summary>
    private const int MaxHeaderLength = 32 * 1024;

    private static readonly string[] ObjectIdClaims = ["http://schemas.microsoft.com/identity/claims/objectidentifier", "oid"];
    private static readonly string[] RoleClaims = ["roles", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"];
    private static readonly string[] NameClaims = ["name", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "preferred_username"];

    public string? FindUserId(HttpContext http) => FindPerson(http)?.UserId;

    public SignedInPerson? FindPerson(HttpContext http)
    {
        if (!options.Value.TrustAppServiceAuthentication || http.Request.Headers[Header].FirstOrDefault() is not { Length: > 0 } header)
        {
            return null;
        }
        if (Read(header) is { } person)
        {
            return person;
        }
        LogUnreadable(http.Request.Path);
        return null;
    }

    /// <summary>Reads a principal header; null when it is not base64 JSON of the expected shape or names no object id.</summary>
    public static SignedInPerson? Read(string header)
    {
        if (header.Length > MaxHeaderLength || Decode(header) is not { } json)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claims", out var claimsElement) || claimsElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }
            var claims = Claims(claimsElement);
            var nameType = Text(root, "name_typ");
            var roleType = Text(root, "role_typ");

            if (ObjectIdClaims.Select(type => Find(claims, type)).FirstOrDefault(v => v is not null) is not { } objectId)
            {
                return null;
            }
            var name = (nameType is null ? null : Find(claims, nameType)) ?? NameClaims.Select(type => Find(claims, type)).FirstOrDefault(v => v is not null);
            var roles = claims
                .Where(c => c.Type == roleType || RoleClaims.Contains(c.Type, StringComparer.Ordinal))
                .SelectMany(c => RoleValues(c.Value))
                .Where(role => Roles.All.Contains(role, StringComparer.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            return new SignedInPerson(objectId.Trim(), name, roles);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Decode(string header)
    {
        var text = header.Trim();
        // Tolerate a missing padding: some proxies trim it.
        text += (text.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        var bytes = new byte[text.Length * 3 / 4];
        if (!Convert.TryFromBase64String(text, bytes, out var written))
        {
            return null;
        }
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static List<(string Type, string Value)> Claims(JsonElement claims)
    {
        var list = new List<(string, string)>();
        foreach (var claim in claims.EnumerateArray())
        {
            if (claim.ValueKind == JsonValueKind.Object && Text(claim, "typ") is { } type && Text(claim, "val") is { } value)
            {
                list.Add((type, value));
            }
        }
        return list;
    }

    private static string? Find(List<(string Type, string Value)> claims, string type) =>
        claims.Where(c => c.Type == type && !string.IsNullOrWhiteSpace(c.Value)).Select(c => c.Value).FirstOrDefault();

    // Each role is normally a claim of its own; a JSON array in one claim is read too.
    private static IEnumerable<string> RoleValues(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.StartsWith('['))
        {
            return [trimmed];
        }
        try
        {
            return JsonSerializer.Deserialize<string[]>(trimmed) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "An unreadable " + Header + " header reached {Path}; the call is treated as signed out")]
    private partial void LogUnreadable(PathString path);
}
