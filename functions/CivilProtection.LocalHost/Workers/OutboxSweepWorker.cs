using CivilProtection.Application.Outbox;

namespace CivilProtection.LocalHost.Workers;

/// <summary>Sweeps the outbox markers every few seconds, so rows left by a crash are published.</summary>
public sealed partial class OutboxSweepWorker(OutboxRelay relay, IConfiguration configuration, ILogger<OutboxSweepWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = configuration.GetValue("CivilProtection:OutboxSweepPeriod", TimeSpan.FromSeconds(10));
        using var timer = new PeriodicTimer(period);
        do
        {
            try
            {
                await relay.SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox sweep failed; it runs again at the next tick")]
    private partial void LogSweepFailed(Exception ex);
}
