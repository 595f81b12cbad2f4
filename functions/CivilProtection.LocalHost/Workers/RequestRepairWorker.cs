using CivilProtection.Application.Repair;
using Microsoft.Extensions.Options;

namespace CivilProtection.LocalHost.Workers;

/// <summary>Runs the repair every <see cref="RepairOptions.Period"/>, as the Functions app's RequestRepair timer does every minute.</summary>
public sealed class RequestRepairWorker(RequestRepair repair, IOptions<RepairOptions> options, ILogger<RequestRepairWorker> logger) : PeriodicWorker(logger)
{
    protected override TimeSpan Period => options.Value.Period;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => repair.RunAsync(cancellationToken);
}
