using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// The answers' schemas of the host's own OpenAPI document, as JSON Schema 2020-12 (OpenAPI 3.1's dialect): a real
/// answer is checked against the schema of its route and status, and a mismatch fails with every place that differs.
/// </summary>
internal sealed class OpenApiSchemas(JsonNode document)
{
    public static async Task<OpenApiSchemas> LoadAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/openapi/v1.json");
        await Api.ExpectAsync(response, HttpStatusCode.OK);
        return new OpenApiSchemas(JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>Checks <paramref name="response"/> (read, not disposed) against what the document says <paramref name="method"/> <paramref name="route"/> answers with its status.</summary>
    public async Task<JsonNode> CheckAsync(string method, string route, HttpResponseMessage response)
    {
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var content = document["paths"]?[route]?[method.ToLowerInvariant()]?["responses"]?[status]?["content"]?.AsObject();
        Assert.True(content is not null, $"The document says nothing of {method} {route} answering {status}.");
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        var schema = content![mediaType]?["schema"];
        Assert.True(schema is not null, $"The document gives {method} {route} {status} no schema for {mediaType} (only {string.Join(", ", content.Select(c => c.Key))}).");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        var root = schema!.DeepClone().AsObject();
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = document["components"]?["schemas"]?.DeepClone() ?? new JsonObject();
        var text = root.ToJsonString().Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal);
        var results = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() })
            .Evaluate(JsonSerializer.SerializeToElement(body), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, $"{method} {route} {status} does not match its schema: " + string.Join("; ",
            (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation} ({d.EvaluationPath}): {string.Join(", ", d.Errors!.Values)}")));
        return body;
    }
}
