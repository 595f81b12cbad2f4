using CivilProtection.Application.Messaging;
using CivilProtection.Infrastructure.Messaging;

namespace CivilProtection.Messaging.Tests.ServiceBus;

/// <summary>The transport contract, run against the Service Bus adapter and the unmodified SDK, over the double (or the namespace in <c>CP_SERVICEBUS_CONNECTION_STRING</c>), on real time.</summary>
public sealed class ServiceBusTransportContractTests(ServiceBusNamespaceFixture fixture) : MessageTransportContract, IClassFixture<ServiceBusNamespaceFixture>
{
    protected override ContractQueueSettings Settings => ContractQueueSettings.RealClock;

    protected override DateTimeOffset Now => DateTimeOffset.UtcNow;

    protected override async Task<IMessageTransport> CreateTransportAsync(IReadOnlyList<QueueDescription> queues, CancellationToken cancellationToken)
    {
        await fixture.Namespace.CreateQueuesAsync(queues, cancellationToken);
        return ServiceBusTransport.Create(new ServiceBusTransportOptions { ConnectionString = fixture.Namespace.ConnectionString });
    }

    protected override Task<IMessageTransport> CreateTransportAfterCrashAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IMessageTransport>(ServiceBusTransport.Create(new ServiceBusTransportOptions { ConnectionString = fixture.Namespace.ConnectionString }));

    protected override Task AdvanceTimeAsync(TimeSpan by, CancellationToken cancellationToken) => Task.Delay(by, cancellationToken);
}
