using CivilProtection.Application.Messaging;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>The local host in Development with the Service Bus adapter, over a Service Bus double holding every queue of the shared description.</summary>
public sealed class ServiceBusLocalHostFixture : IAsyncLifetime
{
    public ServiceBusDouble.ServiceBusDouble ServiceBus { get; private set; } = null!;

    public TestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Every queue infra-bicep creates, with its settings: a queue the app uses but Bicep forgets is not found here either.
        // Only the lock is shortened, to the least Service Bus allows: a message whose link drops comes back when its lock
        // expires, and the fault tests wait for that.
        ServiceBus = ServiceBusDouble.ServiceBusDouble.Start(QueueDescription.Embedded.Select(queue => queue with { LockDuration = TimeSpan.FromSeconds(5) }));
        Host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["CivilProtection:ServiceBus:ConnectionString"] = ServiceBus.ConnectionString,
            // A publish that fails while the connection is down is retried by the sweep: soon, in these tests.
            ["CivilProtection:OutboxSweepPeriod"] = "00:00:01",
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await ServiceBus.DisposeAsync();
    }

    public HttpClient As(string? userId) => Host.ClientFor(userId);
}
