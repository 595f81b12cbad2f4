using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CivilProtection.Rosters.Tests;

/// <summary>Calls and checks that read like the API documentation.</summary>
internal static class Http
{
    public static async Task<JsonNode> OkJsonAsync(this Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>Asserts an RFC 7807 problem with <paramref name="status"/>; returns its body.</summary>
    public static async Task<JsonNode> ProblemAsync(this Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!;
    }

    /// <summary>The names of the fields a 400 problem lists.</summary>
    public static IReadOnlyList<string> Fields(this JsonNode problem) =>
        problem["errors"]?.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal).ToList() ?? [];

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string path, object body) =>
        client.PutAsJsonAsync(path, body, Json);

    public static Task<HttpResponseMessage> PostCsvAsync(this HttpClient client, string path, string csv, string contentType = "text/csv") =>
        client.PostAsync(path, new StringContent(csv, Encoding.UTF8, contentType));

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
