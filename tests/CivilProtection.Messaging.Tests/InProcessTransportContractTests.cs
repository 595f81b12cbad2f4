using CivilProtection.Application.Messaging;
using CivilProtection.Infrastructure.Messaging;
using CivilProtection.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CivilProtection.Messaging.Tests;

/// <summary>The transport contract, run against the in-process transport on a fake clock, with its journal in Azurite as the local host keeps it.</summary>
public sealed class InProcessTransportContractTests : InProcessTransportContract
{
    protected override async Task<IQueueJournal> CreateJournalAsync()
    {
        var azurite = await Azurite.SharedAsync();
        return new TableQueueJournal(new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString), $"c{Guid.NewGuid():N}"[..12]);
    }
}

/// <summary>The transport contract, run against the in-process transport over the journal the other tests use, which keeps its rows in memory.</summary>
public sealed class InProcessTransportOverMemoryJournalContractTests : InProcessTransportContract
{
    protected override Task<IQueueJournal> CreateJournalAsync() => Task.FromResult<IQueueJournal>(new MemoryQueueJournal());
}

/// <summary>The in-process transport under the contract: the journal outlives each transport instance, as a table outlives a process.</summary>
public abstract class InProcessTransportContract : MessageTransportContract
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private IReadOnlyList<QueueDescription> _queues = [];
    private IQueueJournal? _journal;

    protected override DateTimeOffset Now => _clock.GetUtcNow();

    protected abstract Task<IQueueJournal> CreateJournalAsync();

    protected override async Task<IMessageTransport> CreateTransportAsync(IReadOnlyList<QueueDescription> queues, CancellationToken cancellationToken)
    {
        _queues = queues;
        _journal = await CreateJournalAsync();
        return await StartedAsync(new InProcessTransport(queues, _clock, _journal), cancellationToken);
    }

    protected override async Task<IMessageTransport> CreateTransportAfterCrashAsync(CancellationToken cancellationToken) =>
        await StartedAsync(new InProcessTransport(_queues, _clock, _journal!), cancellationToken);

    // As a host starts it: the journal read back before the first receive, so a test's clock never runs ahead of a receive still reading it.
    private static async Task<InProcessTransport> StartedAsync(InProcessTransport transport, CancellationToken cancellationToken)
    {
        await transport.RestoreAsync(cancellationToken);
        return transport;
    }

    protected override Task AdvanceTimeAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        _clock.Advance(by);
        return Task.CompletedTask;
    }
}
