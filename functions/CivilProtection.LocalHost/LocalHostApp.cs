using CivilProtection.Api;
using CivilProtection.Infrastructure.Composition;
using CivilProtection.Infrastructure.Configuration;
using CivilProtection.Infrastructure.Sms;
using CivilProtection.Infrastructure.Telemetry;
using CivilProtection.LocalHost.Seeding;
using CivilProtection.LocalHost.Workers;

namespace CivilProtection.LocalHost;

/// <summary>Builds the self-hosted app: the same composition as the Functions app, plus the loops a timer drives there.</summary>
public static class LocalHostApp
{
    /// <param name="configure">Lets tests and the benchmark set ports, tables and clocks before the app is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddCivilProtection(builder.Configuration);
        builder.Services.AddSms(builder.Configuration, builder.Environment);
        builder.Services.AddCivilProtectionApi(builder.Environment);
        builder.Services.AddCivilProtectionConfiguration();
        builder.Services.AddCivilProtectionTelemetry(builder.Configuration, builder.Environment);
        builder.Services.AddHostedService<DirectorySeeder>();
        builder.Services.AddHostedService<RosterSeeder>();
        builder.Services.AddHostedService<WorkflowPumpWorker>();
        builder.Services.AddHostedService<OutboxSweepWorker>();
        builder.Services.AddHostedService<RequestRepairWorker>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapCivilProtectionApi();
        if (app.Environment.IsDevelopment())
        {
            // The API reference page, reading /openapi/v1.json: Development only, where the Functions app never runs.
            Scalar.AspNetCore.ScalarEndpointRouteBuilderExtensions.MapScalarApiReference(app);
            if (app.Services.GetService<Infrastructure.Tables.CallCounts>() is { } counts)
            {
                // CivilProtection:CountCalls on: the storage calls and queue operations so far, for the benchmark's costs section.
                var prefix = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CivilProtectionOptions>>().Value.Tables.TablePrefix;
                app.MapGet("/api/dev/call-counts", () => TypedResults.Ok(counts.Snapshot(prefix))).ExcludeFromDescription();
            }
        }
        return app;
    }
}
