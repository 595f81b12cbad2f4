using System.Text.RegularExpressions;
using CivilProtection.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace CivilProtection.Functions.Tests;

/// <summary>
/// The two route tables agree: every route the local host maps (<c>ApiComposition.MapCivilProtectionApi</c>) has a door in
/// the Functions app with the same method and route, and the Functions app has no door the local host lacks.
/// </summary>
public sealed partial class RouteTablesTests
{
    [Fact]
    public async Task The_functions_app_and_the_local_host_answer_the_same_methods_and_routes()
    {
        var functions = FunctionsApp.Metadata
            .Where(f => f.Trigger("httpTrigger").HasValue)
            .SelectMany(f => Methods(f.Trigger("httpTrigger")!.Value).Select(m => Key(m, FunctionMetadata.Text(f.Trigger("httpTrigger")!.Value, "route") ?? "")))
            .ToHashSet(StringComparer.Ordinal);

        await using var app = LocalHostApp.Build(
        [
            "--environment=Development",
            "--CivilProtection:Tables:ConnectionString=UseDevelopmentStorage=true",
            "--CivilProtection:SeedDirectory=false",
        ]);
        // Built, never started: the endpoints are read, nothing is served and no storage is called.
        var local = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => Key(m, e.RoutePattern.RawText ?? "")))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains("POST api/dead-letters/{}/{}/replay", local);
        Assert.Contains("GET {}", local); // the pages' catch-all
        Assert.True(local.SetEquals(functions),
            $"Only the local host: {string.Join(", ", local.Except(functions).Order(StringComparer.Ordinal))}; "
            + $"only the Functions app: {string.Join(", ", functions.Except(local).Order(StringComparer.Ordinal))}.");
    }

    private static IEnumerable<string> Methods(System.Text.Json.JsonElement trigger) =>
        trigger.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString() ?? "") : [];

    // The same route to both hosts whatever the parameter names, letter case or leading slash.
    private static string Key(string method, string route) =>
        $"{method.ToUpperInvariant()} {RouteParameter().Replace(route.Trim('/'), "{}").ToLowerInvariant()}";

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex RouteParameter();
}
