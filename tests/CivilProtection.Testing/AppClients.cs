using System.Net.Http.Headers;

namespace CivilProtection.Testing;

/// <summary>The HTTP client every host hands out: JSON accepted, and in Development the caller named by the sign-in header.</summary>
public static class AppClients
{
    public const string DevelopmentUserHeader = "X-Dev-User";

    public static HttpClient For(Uri baseAddress, string? userId)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (userId is not null)
        {
            client.DefaultRequestHeaders.Add(DevelopmentUserHeader, userId);
        }
        return client;
    }
}
