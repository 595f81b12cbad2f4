namespace CivilProtection.LocalHost.Workers;

/// <summary>
/// Runs one piece of background work at start and then every <see cref="Period"/>, as the Functions app's timers do; a
/// failed run is logged and the next tick tries again.
/// </summary>
public abstract partial class PeriodicWorker(ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Period { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRunFailed(ex, GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Worker} failed; it runs again at the next tick")]
    private partial void LogRunFailed(Exception ex, string worker);
}
