namespace CivilProtection.Functions.Tests;

/// <summary>
/// The two route tables agree: every route the local host maps (<c>ApiComposition.MapCivilProtectionApi</c>) has a door in
/// the Functions app with the same method and route, and the Functions app has no door the local host lacks.
/// </summary>
public sealed class RouteTablesTests
{
    [Fact]
    public async Task The_functions_app_and_the_local_host_answer_the_same_methods_and_routes()
    {
        var functions = FunctionsApp.Metadata
            .Where(f => f.Trigger("httpTrigger").HasValue)
            .SelectMany(f => Methods(f.Trigger("httpTrigger")!.Value).Select(m => LocalRouteTable.Key(m, FunctionMetadata.Text(f.Trigger("httpTrigger")!.Value, "route") ?? "")))
            .ToHashSet(StringComparer.Ordinal);

        // Built, never started: the endpoints are read, nothing is served and no storage is called.
        await using var app = LocalRouteTable.BuildUnstarted();
        var local = LocalRouteTable.Of(app);

        // The API reference page (Scalar) is mapped in Development only, where the Functions app never runs.
        local.RemoveWhere(route => route.StartsWith("GET scalar/", StringComparison.Ordinal));
        Assert.Contains("POST api/dead-letters/{}/{}/replay", local);
        Assert.Contains("GET {}", local); // the pages' catch-all
        Assert.True(local.SetEquals(functions),
            $"Only the local host: {string.Join(", ", local.Except(functions).Order(StringComparer.Ordinal))}; "
            + $"only the Functions app: {string.Join(", ", functions.Except(local).Order(StringComparer.Ordinal))}.");
    }

    private static IEnumerable<string> Methods(System.Text.Json.JsonElement trigger) =>
        trigger.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString() ?? "") : [];
}
