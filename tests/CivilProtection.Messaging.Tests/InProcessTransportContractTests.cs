using CivilProtection.Application.Messaging;
using CivilProtection.Infrastructure.Messaging;
using Microsoft.Extensions.Time.Testing;

namespace CivilProtection.Messaging.Tests;

/// <summary>The transport contract, run against the in-process transport on a fake clock.</summary>
public sealed class InProcessTransportContractTests : MessageTransportContract
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));

    protected override DateTimeOffset Now => _clock.GetUtcNow();

    protected override Task<IMessageTransport> CreateTransportAsync(IReadOnlyList<QueueDescription> queues, CancellationToken cancellationToken) =>
        Task.FromResult<IMessageTransport>(new InProcessTransport(queues, _clock));

    protected override Task AdvanceTimeAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        _clock.Advance(by);
        return Task.CompletedTask;
    }
}
