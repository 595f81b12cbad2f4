using System.Net;
using System.Text.Json.Nodes;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>The running local host serves the OpenAPI description without sign-in, and in Development its reference page.</summary>
public sealed class OpenApiTests(ExchangeHostFixture<OnLocalHost> fixture) : IClassFixture<ExchangeHostFixture<OnLocalHost>>
{
    [Fact]
    public async Task The_host_serves_its_OpenAPI_document_to_anyone_and_describes_parameters_not_services()
    {
        using var response = await fixture.As(null).GetAsync("/openapi/v1.json");

        await Api.ExpectAsync(response, HttpStatusCode.OK);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var file = document["paths"]!["/api/requests/{id}/offers/{offerId}/decision"]!["post"]!;
        // The route's two ids are its parameters; the handler's services (desk, queries, callers) are not.
        Assert.Equal(["id", "offerId"], file["parameters"]!.AsArray().Select(p => (string)p!["name"]!).Order());
        Assert.NotNull(file["requestBody"]!["content"]!["application/json"]);
        using var other = await fixture.As(null).GetAsync("/openapi/v2.json");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task The_problem_schema_lists_every_refusal_and_field_code()
    {
        using var response = await fixture.As(null).GetAsync("/openapi/v1.json");

        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var problem = document["paths"]!["/api/requests"]!["post"]!["responses"]!["400"]!["content"]!["application/problem+json"]!["schema"]!["properties"]!;

        Assert.Contains("stale-version", problem["code"]!["enum"]!.AsArray().Select(c => (string)c!));
        var fieldCodes = problem["codes"]!["additionalProperties"]!["items"]!["enum"]!.AsArray().Select(c => (string)c!).ToList();
        Assert.Equal(Enum.GetValues<Application.Problems.FieldErrorCode>().Length, fieldCodes.Count);
        Assert.Contains("too-long", fieldCodes);
        Assert.NotNull(problem["fieldArguments"]);
    }

    [Fact]
    public async Task The_API_reference_page_is_served_in_Development()
    {
        using var response = await fixture.As(null).GetAsync("/scalar/v1");

        await Api.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
