using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;

namespace CivilProtection.Api.Description;

/// <summary>
/// The OpenAPI document of every route <see cref="ApiComposition.MapCivilProtectionApi"/> maps, made the same way in
/// both hosts: the Functions app has no route table to describe (its doors are functions), so the routes are mapped
/// once more onto a table of their own, never served, and described from there.
/// </summary>
public sealed class OpenApiDocumentSource(IServiceProvider host, HostServiceTypes hostTypes, IHostEnvironment environment)
{
    public const string DocumentName = "v1";

    private readonly Lazy<Task<string>> _json = new(() => DescribeAsync(host, hostTypes, environment));

    /// <summary>The document as OpenAPI 3.1 JSON, made on first use.</summary>
    public Task<string> JsonAsync() => _json.Value;

    private static async Task<string> DescribeAsync(IServiceProvider host, HostServiceTypes hostTypes, IHostEnvironment environment)
    {
        var routes = new DescribedRoutes();
        var services = new ServiceCollection();
        services.AddSingleton(environment);
        services.AddLogging();
        services.AddRouting();
        services.AddSingleton<EndpointDataSource>(_ => new CompositeEndpointDataSource(routes.DataSources));
        ApiComposition.AddApiJson(services);
        services.AddOpenApi(DocumentName, OpenApiConventions.Configure);
        // The handlers' services are known as services here as in the host, so none is taken for a body; none is made.
        foreach (var type in hostTypes.OfThisApplication())
        {
            services.AddSingleton(type, _ => throw new InvalidOperationException($"{type} is only described here, never made."));
        }
        await using var described = services.BuildServiceProvider();
        routes.ServiceProvider = new DescribingServices(described, host);
        routes.MapCivilProtectionApi();
        var document = await described.GetRequiredKeyedService<IOpenApiDocumentProvider>(DocumentName).GetOpenApiDocumentAsync();
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        return text.ToString();
    }

    private sealed class DescribedRoutes : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider { get; set; } = null!;

        public ICollection<EndpointDataSource> DataSources { get; } = new List<EndpointDataSource>();

        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(ServiceProvider);
    }

    // Mapping reads a few of the application's own services (the SMS webhooks' URLs): the host's. Routing and JSON are
    // the description's. There is no server: nothing here listens.
    private sealed class DescribingServices(IServiceProvider described, IServiceProvider host) : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(IServer) ? null
            : HostServiceTypes.IsOfThisApplication(serviceType) ? host.GetService(serviceType)
            : described.GetService(serviceType);
    }
}

/// <summary>The service types the host registers, read when the document is made (the collection is complete by then).</summary>
public sealed class HostServiceTypes(IServiceCollection services)
{
    public IEnumerable<Type> OfThisApplication() =>
        services.Where(d => !d.IsKeyedService && !d.ServiceType.IsGenericTypeDefinition && IsOfThisApplication(d.ServiceType))
            .Select(d => d.ServiceType).Distinct();

    public static bool IsOfThisApplication(Type type) => type.Assembly.GetName().Name?.StartsWith("CivilProtection.", StringComparison.Ordinal) == true;
}
