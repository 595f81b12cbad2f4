using CivilProtection.Application.Sms;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CivilProtection.Infrastructure.Composition;

/// <summary>
/// Reads the shared SMS provider incident every <see cref="SmsProviderHealth.LookEvery"/> on every instance, so each
/// instance's health probe says what another instance's refused send found. A hosted service for the reason
/// <see cref="DeadLetterWatchWorker"/> is one.
/// </summary>
public sealed partial class SmsProviderWatchWorker(SmsProviderHealth health, ILogger<SmsProviderWatchWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await health.RefreshAsync(stoppingToken);
                await Task.Delay(SmsProviderHealth.LookEvery, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The last view stands; storage may be back at the next look.
                LogLookFailed(ex);
                await Task.Delay(SmsProviderHealth.LookEvery, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the SMS provider incident; the health probe keeps its last view.")]
    private partial void LogLookFailed(Exception exception);
}
