using CivilProtection.Application.Operations;
using Microsoft.Extensions.Hosting;

namespace CivilProtection.Infrastructure.Composition;

/// <summary>
/// Counts dead letters in the background for the health probe, in both hosts. A hosted service and not a Functions
/// timer: a timer runs on one instance at a time, and every instance's probe must know the count.
/// </summary>
public sealed class DeadLetterWatchWorker(DeadLetterWatch watch) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => watch.RunAsync(stoppingToken);
}
