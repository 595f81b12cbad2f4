using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>Small helpers so each test reads as the story it proves.</summary>
internal static class Api
{
    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, JsonNode body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await client.SendAsync(request);
    }

    /// <summary>A PUT of a JSON body, with the version read in <c>If-Match</c> when given.</summary>
    public static async Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string path, JsonNode body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path)
        {
            Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await client.SendAsync(request);
    }

    /// <summary>A CSV file's lines (header first), checking it came as one: 200 and <c>text/csv</c>.</summary>
    public static async Task<string[]> CsvLinesAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        await ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    public static async Task<JsonObject> CatalogueAsync(this HttpClient client)
    {
        using var response = await client.GetAsync("/api/catalogue");
        await ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> FileAsync(this HttpClient client, JsonObject form, string? idempotencyKey = null)
    {
        using var response = await client.PostJsonAsync("/api/requests", form, idempotencyKey);
        await ExpectAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> DecideAsync(this HttpClient client, string id, string decision, string? comment = null)
    {
        using var response = await client.PostJsonAsync($"/api/requests/{id}/decisions", new JsonObject { ["decision"] = decision, ["comment"] = comment });
        await ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> GetRequestAsync(this HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/requests/{id}");
        await ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonArray> GetArrayAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        await ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!;
    }

    /// <summary>Every item of a list route, following each page's <c>Link: &lt;…&gt;; rel="next"</c> to the last.</summary>
    public static async Task<JsonArray> GetAllPagesAsync(this HttpClient client, string path)
    {
        var all = new JsonArray();
        string? next = path;
        while (next is not null)
        {
            using var response = await client.GetAsync(next);
            await ExpectAsync(response, HttpStatusCode.OK);
            foreach (var item in (await response.Content.ReadFromJsonAsync<JsonArray>())!.ToList())
            {
                all.Add(item!.DeepClone());
            }
            next = response.Headers.TryGetValues("Link", out var links) && links.FirstOrDefault() is { } link ? link[1..link.IndexOf('>', StringComparison.Ordinal)] : null;
        }
        return all;
    }

    /// <summary>Waits until the routed item shows in the caller's inbox: routing is asynchronous, through the queue.</summary>
    public static async Task<JsonObject> WaitForInboxItemAsync(this HttpClient approver, string requestId, int stageIndex, TimeSpan? patience = null)
    {
        var until = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < until)
        {
            var inbox = await approver.GetArrayAsync("/api/approvals");
            if (inbox.OfType<JsonObject>().FirstOrDefault(i => (string)i["requestId"]! == requestId && (int)i["stageIndex"]! == stageIndex) is { } item)
            {
                return item;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Request {requestId} did not reach the inbox for stage {stageIndex}.");
    }

    /// <summary>Waits until the list of an authority shows the request with the given status.</summary>
    public static async Task WaitForListedStatusAsync(this HttpClient client, string requestId, string status)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            var list = await client.GetArrayAsync($"/api/requests?status={status}");
            if (list.OfType<JsonObject>().Any(i => (string)i["requestId"]! == requestId))
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Request {requestId} was not listed as {status}.");
    }

    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        await ExpectAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            Assert.Fail($"Expected {(int)expected} but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>The request's own transitions on its timeline (notices, SMS and dispatch lines left out).</summary>
    public static string[] Actions(JsonObject view) => view["timeline"]!.AsArray()
        .Select(e => (string)e!["action"]!)
        .Where(a => RequestTransitions.Contains(a))
        .ToArray();

    private static readonly HashSet<string> RequestTransitions =
    [
        "submitted", "stage-opened", "stage-approved", "approved", "rejected", "returned-for-information", "resubmitted", "cancelled", "dispatched", "closed",
    ];

    public static string Id(JsonObject view) => (string)view["id"]!;

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
