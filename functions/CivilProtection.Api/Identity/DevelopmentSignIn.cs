using Microsoft.AspNetCore.Http;

namespace CivilProtection.Api.Identity;

/// <summary>
/// Development only: people pick a seeded user on the sign-in page (a cookie), and scripts act as one with
/// the <c>X-Dev-User</c> header. It is registered only when the host runs in Development, so neither exists elsewhere.
/// </summary>
public sealed class DevelopmentSignIn : ICallerSource
{
    public const string Header = "X-Dev-User";
    public const string Cookie = "cp_dev_user";

    public string? FindUserId(HttpContext http) =>
        http.Request.Headers[Header].FirstOrDefault() is { Length: > 0 } header ? header : http.Request.Cookies[Cookie];

    public static void SignIn(HttpResponse response, string userId) =>
        response.Cookies.Append(Cookie, userId, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });

    public static void SignOut(HttpResponse response) => response.Cookies.Delete(Cookie, new CookieOptions { Path = "/" });
}
