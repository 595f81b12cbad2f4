using CivilProtection.Api;
using CivilProtection.Infrastructure.Composition;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The Azure composition root: the same application as the local host, with HTTP and timer triggers as doors.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddCivilProtection(builder.Configuration);
builder.Services.AddCivilProtectionApi(builder.Environment);
await builder.Build().RunAsync();
