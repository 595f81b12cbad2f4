using CivilProtection.Testing;
using CivilProtection.Application.Messaging;
using CivilProtection.Application.Outbox;
using CivilProtection.Application.Workflow;
using CivilProtection.Infrastructure.Messaging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CivilProtection.Messaging.Tests;

/// <summary>The workflow's handlers and the outbox sweep run as background work; the mark never leaks to their callers.</summary>
public sealed class BackgroundWorkTests
{
    private const string Queue = "work";

    [Fact]
    public async Task A_handler_run_by_the_pump_is_background_work_and_the_pumps_caller_is_not()
    {
        using var transport = await OneMessageWaitingAsync();
        var handler = new RecordingHandler();
        var pump = new MessagePump([handler], transport, NullLogger<MessagePump>.Instance);

        var handled = await pump.RunForAsync(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100), CancellationToken.None);

        Assert.Equal(1, handled);
        Assert.Equal([true], handler.SawBackground);
        Assert.False(BackgroundWork.IsCurrent);
    }

    [Fact]
    public async Task A_handler_whose_work_people_wait_to_see_is_not_background_work()
    {
        using var transport = await OneMessageWaitingAsync();
        var handler = new RecordingHandler { AwaitedByPeople = true };
        var pump = new MessagePump([handler], transport, NullLogger<MessagePump>.Instance);

        await pump.RunForAsync(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100), CancellationToken.None);

        Assert.Equal([false], handler.SawBackground);
        // The approver waits for the new item in the inbox; the lists catch up as background work.
        Assert.True(((IMessageHandler)new ApprovalRoutingHandler(null!)).AwaitedByPeople);
        Assert.False(((IMessageHandler)new RequestEventsHandler(null!)).AwaitedByPeople);
    }

    [Fact]
    public async Task The_outbox_sweep_is_background_work_and_its_caller_is_not()
    {
        var outbox = new RecordingOutbox();
        using var transport = new InProcessTransport([], TimeProvider.System, new MemoryQueueJournal());
        var relay = new OutboxRelay(outbox, new MemoryRepairTickets(), transport, TimeProvider.System, NullLogger<OutboxRelay>.Instance);

        await relay.SweepAsync(CancellationToken.None);

        Assert.Equal([true, true], outbox.SawBackground);
        Assert.False(BackgroundWork.IsCurrent);
    }

    private static async Task<InProcessTransport> OneMessageWaitingAsync()
    {
        var transport = new InProcessTransport(
            [new QueueDescription(Queue, TimeSpan.FromSeconds(30), 3, TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), DeadLetteringOnMessageExpiration: true)],
            TimeProvider.System,
            new MemoryQueueJournal());
        await transport.SendAsync(Queue, new OutgoingMessage("m-1", "StageOpened", "{}"), CancellationToken.None);
        return transport;
    }

    private sealed class RecordingHandler : IMessageHandler
    {
        public List<bool> SawBackground { get; } = [];

        public string Queue => BackgroundWorkTests.Queue;

        public bool AwaitedByPeople { get; init; }

        public Task<HandlingResult> HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
        {
            SawBackground.Add(BackgroundWork.IsCurrent);
            return Task.FromResult(HandlingResult.Done);
        }
    }

    /// <summary>An empty outbox that notes, for each read, whether it was read as background work.</summary>
    private sealed class RecordingOutbox : IOutboxStore
    {
        public List<bool> SawBackground { get; } = [];

        public Task<IReadOnlyList<OutboxRow>> ReadFiledBetweenAsync(DateTimeOffset filedFrom, DateTimeOffset filedBefore, int max, CancellationToken cancellationToken) =>
            Nothing<OutboxRow>();

        public Task<IReadOnlyList<OutboxMarker>> ListMarkersAsync(DateTimeOffset markedBefore, int max, CancellationToken cancellationToken) =>
            Nothing<OutboxMarker>();

        public Task<OutboxMarker> MarkPendingAsync(string requestId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<OutboxRow>> ReadAsync(string requestId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task RemoveAsync(IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task ClearMarkerAsync(OutboxMarker marker, CancellationToken cancellationToken) => throw new NotSupportedException();

        private Task<IReadOnlyList<T>> Nothing<T>()
        {
            SawBackground.Add(BackgroundWork.IsCurrent);
            return Task.FromResult<IReadOnlyList<T>>([]);
        }
    }
}
