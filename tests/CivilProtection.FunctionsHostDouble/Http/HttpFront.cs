using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace CivilProtection.FunctionsHostDouble.Http;

/// <summary>
/// The public HTTP side of the double on loopback: one route per HTTP function, its template and methods from the
/// function's metadata under <c>extensions.http.routePrefix</c> of host.json ("api" when unset, as the host reads it).
/// A path no function's route matches is a 404; a matched path with another method is a 405.
/// </summary>
internal static class HttpFront
{
    public const string DefaultRoutePrefix = "api";

    public static WebApplication Build(IEnumerable<LoadedFunction> functions, string routePrefix, HttpForwarding forwarding, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        foreach (var function in functions)
        {
            if (function.Trigger is HttpTrigger http)
            {
                var endpoint = app.Map(RouteOf(routePrefix, http.Route ?? function.Name), context => forwarding.ForwardAsync(context, function));
                if (http.Methods.Count > 0)
                {
                    endpoint.WithMetadata(new HttpMethodMetadata(http.Methods));
                }
                endpoint.WithDisplayName(function.Name);
            }
        }
        return app;
    }

    /// <summary>The route template the host serves a function's route under.</summary>
    public static string RouteOf(string routePrefix, string route) =>
        string.Join('/', new[] { routePrefix.Trim('/'), route.Trim('/') }.Where(part => part.Length > 0));

    /// <summary>host.json's <c>extensions.http.routePrefix</c>, or the host's default when the file or the setting is missing.</summary>
    public static string RoutePrefix(string appDirectory)
    {
        var hostJson = Path.Combine(appDirectory, "host.json");
        if (!File.Exists(hostJson))
        {
            return DefaultRoutePrefix;
        }
        using var document = JsonDocument.Parse(File.ReadAllText(hostJson), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var prefix)
            && prefix.ValueKind == JsonValueKind.String
                ? prefix.GetString()!
                : DefaultRoutePrefix;
    }
}
