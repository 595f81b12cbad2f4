using System.Text.RegularExpressions;
using CivilProtection.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace CivilProtection.Functions.Tests;

/// <summary>The local host's route table, read from an app built and never started: nothing is served and no storage is called.</summary>
internal static partial class LocalRouteTable
{
    public static WebApplication BuildUnstarted() => LocalHostApp.Build(
    [
        "--environment=Development",
        "--CivilProtection:Tables:ConnectionString=UseDevelopmentStorage=true",
        "--CivilProtection:SeedDirectory=false",
    ]);

    /// <summary>Every method and route the app maps, as <see cref="Key"/>s.</summary>
    public static HashSet<string> Of(WebApplication app) =>
        ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => Key(m, e.RoutePattern.RawText ?? "")))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The same route to both hosts whatever the parameter names, letter case or leading slash.</summary>
    public static string Key(string method, string route) =>
        $"{method.ToUpperInvariant()} {RouteParameter().Replace(route.Trim('/'), "{}").ToLowerInvariant()}";

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex RouteParameter();
}
