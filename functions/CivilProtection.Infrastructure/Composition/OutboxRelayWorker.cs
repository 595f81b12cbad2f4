using CivilProtection.Application.Outbox;
using Microsoft.Extensions.Hosting;

namespace CivilProtection.Infrastructure.Composition;

/// <summary>Publishes each commit's outbox right after it, on a few parallel loops, in both hosts.</summary>
public sealed class OutboxRelayWorker(OutboxRelay relay) : BackgroundService
{
    // Each loop waits on storage most of the time; a few more keep up with a burst of filings.
    private const int Loops = 16;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Loops).Select(_ => relay.RunAsync(stoppingToken)));
}
