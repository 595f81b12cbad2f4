using System.Net;
using System.Text.RegularExpressions;
using CivilProtection.FunctionsHostDouble;
using CivilProtection.Testing;
using Microsoft.AspNetCore.Routing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// The two hosts serve the same routes with the same methods, over HTTP: every route either host's table holds is
/// called on both, with its own method and with one no route takes, by nobody signed in, and both answer alike.
/// (tests/CivilProtection.Functions.Tests compares the tables as declared; this compares what is served.)
/// </summary>
public sealed partial class RouteParityTests(RouteParityTests.BothHosts hosts) : IClassFixture<RouteParityTests.BothHosts>
{
    [Fact]
    public async Task Every_route_of_either_host_answers_alike_on_both_with_its_method_and_with_another()
    {
        // The Scalar reference page is a Development convenience of the local host only (docs/api.md); the document it
        // reads, /openapi/v1.json, is a route of both and compared like any other.
        var routes = hosts.LocalRoutes().Union(hosts.FunctionsRoutes())
            .Where(r => !r.Item2.StartsWith("scalar/", StringComparison.Ordinal)).Order().ToList();
        Assert.Contains(("GET", "openapi/{documentName}.json"), routes);
        Assert.Contains(("POST", "api/requests/{id}/decisions"), routes);
        Assert.Contains(("GET", "{*path}"), routes);

        var differences = new List<string>();
        using var local = hosts.Local.ClientFor(null);
        using var functions = hosts.Functions.ClientFor(null);
        foreach (var (method, route) in routes)
        {
            var path = "/" + RouteParameter().Replace(route, match => match.Value.StartsWith("{*", StringComparison.Ordinal) ? "index.html" : "x1");
            foreach (var asked in new[] { method, "PATCH" })
            {
                var onLocal = await StatusAsync(local, asked, path, "local host");
                var onFunctions = await StatusAsync(functions, asked, path, "Functions app");
                if (onLocal != onFunctions)
                {
                    differences.Add($"{asked} {path}: local host {(int)onLocal}, Functions app {(int)onFunctions}");
                }
            }
        }
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    [Fact]
    public async Task A_method_no_route_takes_is_405_and_a_path_no_route_matches_is_404_on_both()
    {
        foreach (var host in new IAppHost[] { hosts.Local, hosts.Functions })
        {
            using var client = host.ClientFor(null);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, await StatusAsync(client, "PATCH", "/api/requests", host.Kind));
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, "GET", "/api/requests/x1/no-such-thing", host.Kind));
        }
    }

    // A call that gets no answer at all names itself: which route, method and host dropped the connection. It is tried
    // twice first: a pooled connection the server closed between two calls fails the next request sent on it, and
    // HttpClient sends again by itself only the idempotent ones (under load, a PATCH was seen to fail so, 1 run in 4).
    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string method, string path, string host)
    {
        try
        {
            try
            {
                return await StatusAsync(client, method, path);
            }
            catch (HttpRequestException)
            {
                return await StatusAsync(client, method, path);
            }
        }
        catch (HttpRequestException ex)
        {
            throw new HttpRequestException($"{method} {path} on the {host} got no answer twice: {ex.Message}", ex);
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex RouteParameter();

    /// <summary>The local host and the Functions app side by side, each over tables of its own with the seed.</summary>
    public sealed class BothHosts : IAsyncLifetime
    {
        public TestHost Local { get; private set; } = null!;

        public FunctionsAppHost Functions { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var starting = FunctionsAppHost.StartAsync();
            Local = await TestHost.StartAsync();
            Functions = await starting;
        }

        public async Task DisposeAsync()
        {
            await Local.DisposeAsync();
            await Functions.DisposeAsync();
        }

        public IEnumerable<(string Method, string Route)> LocalRoutes() =>
            ((IEndpointRouteBuilder)Local.App).DataSources
                .SelectMany(source => source.Endpoints)
                .OfType<RouteEndpoint>()
                .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m.ToUpperInvariant(), (e.RoutePattern.RawText ?? "").Trim('/'))));

        public IEnumerable<(string Method, string Route)> FunctionsRoutes() =>
            Functions.HostDouble.Functions
                .Select(f => (Function: f, Http: f.Trigger as HttpTrigger))
                .Where(f => f.Http is not null)
                .SelectMany(f => f.Http!.Methods.Select(m => (m, HttpFrontRoute(f.Function.Name, f.Http!))));

        private string HttpFrontRoute(string name, HttpTrigger trigger) =>
            string.Join('/', new[] { Functions.HostDouble.RoutePrefix, trigger.Route ?? name }.Select(p => p.Trim('/')).Where(p => p.Length > 0));
    }
}
