using System.Diagnostics;
using System.Reflection;
using Azure.Core;
using Azure.Monitor.OpenTelemetry.Exporter;
using CivilProtection.Application.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CivilProtection.Infrastructure.Telemetry;

/// <summary>
/// Traces and metrics through OpenTelemetry, the same in both hosts: incoming HTTP calls, outgoing HTTP calls (Twilio),
/// the Azure SDK (tables, Service Bus), and the workflow's own source and meter. Exported to Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (as the managed identity), to the console when
/// <c>CivilProtection:Telemetry:Console</c> is true, and nowhere otherwise.
/// </summary>
public static class TelemetryComposition
{
    /// <summary>The <c>service.name</c> of every span and metric (Application Insights' cloud role name).</summary>
    public const string ServiceName = "civil-protection";

    public static IOpenTelemetryBuilder AddCivilProtectionTelemetry(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // The Azure SDK traces through ActivitySource (tables, Service Bus, identity) only behind this switch.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);

        services.AddOptions<TelemetryOptions>()
            .Bind(configuration.GetSection(TelemetryOptions.SectionName))
            .Configure(o => o.AzureMonitorConnectionString ??= configuration[TelemetryOptions.AzureMonitorConnectionStringKey])
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidation>();

        // Which exporters exist is decided here, from the same settings; their values are validated on start.
        var settings = Read(configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(ServiceName, serviceVersion: Version())
                .AddAttributes([new("deployment.environment.name", environment.EnvironmentName)]))
            .WithMetrics(metrics => metrics
                .AddMeter(WorkflowTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());
        if (settings.RecordsTraces)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(WorkflowTelemetry.Name)
                .AddSource("Azure.*")
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsHealthProbe(http))
                .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = _ => !IsAzureSdkCall(Activity.Current)));
        }

        if (settings.Console)
        {
            telemetry.WithTracing(tracing => tracing.AddConsoleExporter()).WithMetrics(metrics => metrics.AddConsoleExporter());
        }
        if (settings.ExportsToAzureMonitor)
        {
            // Application Insights accepts only Entra tokens (local authentication is off): send as the app's identity.
            services.AddOptions<AzureMonitorExporterOptions>().Configure<TokenCredential>((o, credential) => o.Credential = credential);
            telemetry.UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = settings.AzureMonitorConnectionString;
                o.TracesPerSecond = null;
                o.SamplingRatio = (float)settings.SamplingRatio;
            });
        }
        else if (settings.SamplingRatio is > 0 and < 1)
        {
            telemetry.WithTracing(tracing => tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.SamplingRatio))));
        }
        return telemetry;
    }

    /// <summary>Whether the settings send telemetry to Azure Monitor (the Functions app then also takes over its worker's logs from the host).</summary>
    public static bool ExportsToAzureMonitor(IConfiguration configuration) => Read(configuration).ExportsToAzureMonitor;

    private static TelemetryOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        options.AzureMonitorConnectionString ??= configuration[TelemetryOptions.AzureMonitorConnectionStringKey];
        return options;
    }

    // The Azure SDK's own spans (Azure.Core.Http) already describe its HTTP calls; the filter sees the new HttpClient span or its parent.
    private static bool IsAzureSdkCall(Activity? current) =>
        current is not null && (IsAzure(current.Source.Name) || (current.Parent is { } parent && IsAzure(parent.Source.Name)));

    private static bool IsAzure(string source) => source.StartsWith("Azure.", StringComparison.Ordinal);

    private static bool IsHealthProbe(HttpContext http) => http.Request.Path.StartsWithSegments("/api/health", StringComparison.OrdinalIgnoreCase);

    private static string? Version() =>
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
}
