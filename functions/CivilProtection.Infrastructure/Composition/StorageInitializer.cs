using CivilProtection.Infrastructure.Tables;
using Microsoft.Extensions.Hosting;

namespace CivilProtection.Infrastructure.Composition;

/// <summary>Creates the tables at start-up, before any call is served.</summary>
public sealed class StorageInitializer(StateTables tables) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => tables.CreateIfMissingAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
