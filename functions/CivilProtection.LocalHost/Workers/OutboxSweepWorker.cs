using CivilProtection.Application.Outbox;

namespace CivilProtection.LocalHost.Workers;

/// <summary>Sweeps the outbox markers every few seconds, so rows left by a crash are published.</summary>
public sealed class OutboxSweepWorker(OutboxRelay relay, IConfiguration configuration, ILogger<OutboxSweepWorker> logger) : PeriodicWorker(logger)
{
    protected override TimeSpan Period => configuration.GetValue("CivilProtection:OutboxSweepPeriod", TimeSpan.FromSeconds(10));

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => relay.SweepAsync(cancellationToken);
}
