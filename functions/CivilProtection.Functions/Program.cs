using CivilProtection.Api;
using CivilProtection.Infrastructure.Composition;
using CivilProtection.Infrastructure.Configuration;
using CivilProtection.Infrastructure.Sms;
using CivilProtection.Infrastructure.Telemetry;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The Azure composition root: the same application as the local host, with HTTP and timer triggers as doors.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
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
await builder.Build().RunAsync();
