using System.Text.Json;
using System.Text.RegularExpressions;

namespace CivilProtection.Functions.Tests;

/// <summary>The HTTP doors as the Functions host will route them.</summary>
public sealed partial class HttpFunctionsTests
{
    /// <summary>The one route outside api/: the pages, served from the web folder by a catch-all.</summary>
    private const string PagesFunction = "WebPages";

    private static IReadOnlyList<(string Name, JsonElement Trigger)> HttpFunctions =>
        FunctionsApp.Metadata.Where(f => f.Trigger("httpTrigger").HasValue).Select(f => (f.Name, f.Trigger("httpTrigger")!.Value)).ToList();

    [Fact]
    public void The_app_has_http_functions()
    {
        Assert.NotEmpty(HttpFunctions);
    }

    [Fact]
    public void Every_http_function_is_anonymous_because_app_service_authentication_guards_the_app()
    {
        var notAnonymous = HttpFunctions
            .Where(f => !string.Equals(FunctionMetadata.Text(f.Trigger, "authLevel"), "Anonymous", StringComparison.OrdinalIgnoreCase))
            .Select(f => $"{f.Name} ({FunctionMetadata.Text(f.Trigger, "authLevel") ?? "no authLevel"})")
            .ToList();

        Assert.True(notAnonymous.Count == 0, $"HTTP functions whose authLevel is not Anonymous: {string.Join(", ", notAnonymous)}");
    }

    [Fact]
    public void Every_http_function_has_a_route()
    {
        var withoutRoute = HttpFunctions.Where(f => string.IsNullOrWhiteSpace(FunctionMetadata.Text(f.Trigger, "route"))).Select(f => f.Name).ToList();

        Assert.True(withoutRoute.Count == 0, $"HTTP functions without a route (they would answer on their function name): {string.Join(", ", withoutRoute)}");
    }

    [Fact]
    public void Every_http_function_names_its_methods()
    {
        var withoutMethods = HttpFunctions.Where(f => Methods(f.Trigger).Count == 0).Select(f => f.Name).ToList();

        Assert.True(withoutMethods.Count == 0, $"HTTP functions that would answer every method: {string.Join(", ", withoutMethods)}");
    }

    [Fact]
    public void Every_api_route_starts_with_api_and_only_the_pages_are_served_outside_it()
    {
        var outsideApi = HttpFunctions
            .Where(f => FunctionMetadata.Text(f.Trigger, "route") is not { } route || !route.StartsWith("api/", StringComparison.Ordinal))
            .Select(f => $"{f.Name} -> {FunctionMetadata.Text(f.Trigger, "route")}")
            .ToList();

        // The OpenAPI description sits where tools look for it, beside the API rather than in it.
        Assert.Equal(["OpenApiDocument -> openapi/{documentName}.json", $"{PagesFunction} -> {{*path}}"], outsideApi);
    }

    [Fact]
    public void The_pages_catch_all_only_answers_get_so_it_takes_no_api_call_by_mistake()
    {
        var pages = Assert.Single(HttpFunctions, f => f.Name == PagesFunction);

        Assert.Equal(["get"], Methods(pages.Trigger));
    }

    [Fact]
    public void No_two_http_functions_answer_the_same_method_and_route()
    {
        var clashes = HttpFunctions
            .SelectMany(f => Methods(f.Trigger).Select(method => (Key: $"{method.ToUpperInvariant()} {Normalised(FunctionMetadata.Text(f.Trigger, "route") ?? "")}", f.Name)))
            .GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(" and ", group.Select(pair => pair.Name))}")
            .ToList();

        Assert.True(clashes.Count == 0, $"Method and route answered by more than one function: {string.Join("; ", clashes)}");
    }

    private static List<string> Methods(JsonElement trigger) =>
        trigger.TryGetProperty("methods", out var methods) && methods.ValueKind == JsonValueKind.Array
            ? methods.EnumerateArray().Select(m => m.GetString() ?? "").Where(m => m.Length > 0).ToList()
            : [];

    // Routes differing only by parameter names or letter case are the same route to the host.
    private static string Normalised(string route) => RouteParameter().Replace(route.Trim('/'), "{}").ToLowerInvariant();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex RouteParameter();
}
