using CivilProtection.Api;
using CivilProtection.Infrastructure.Composition;
using CivilProtection.Infrastructure.Configuration;
using CivilProtection.Infrastructure.Sms;
using CivilProtection.Infrastructure.Telemetry;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Azure composition root: the same application as the local host, with HTTP and timer triggers as doors.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// A change's workflow runs right after its answer; the WorkflowPump timer is the backup (see WorkflowDrain).
builder.Services.AddSingleton<CivilProtection.Functions.WorkflowDrain>();
builder.Services.AddHostedService(services => services.GetRequiredService<CivilProtection.Functions.WorkflowDrain>());
builder.UseMiddleware<CivilProtection.Functions.DrainAfterChange>();
builder.Services.AddCivilProtection(builder.Configuration);
builder.Services.AddSms(builder.Configuration, builder.Environment);
builder.Services.AddCivilProtectionApi(builder.Environment);
builder.Services.AddCivilProtectionConfiguration();
var telemetry = builder.Services.AddCivilProtectionTelemetry(builder.Configuration, builder.Environment);
if (TelemetryComposition.ExportsToAzureMonitor(builder.Configuration))
{
    // The worker exports its own logs and traces; the host stops sending them for it.
    telemetry.UseFunctionsWorkerDefaults();
}

// The worker's own hosted service opens the host's stream, and calls come as soon as it has started; moved last, so the
// app's start (tables created, the first platform administrator) is done before the first call, as in the local host.
// Found under the host double: a new deployment's first administrator could get a 401 on the first call.
var worker = builder.Services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "WorkerHostedService");
builder.Services.Remove(worker);
builder.Services.Add(worker);
await builder.Build().RunAsync();
