using CivilProtection.Application.Outbox;
using CivilProtection.Application.Repair;
using CivilProtection.Application.Workflow;
using Microsoft.Azure.Functions.Worker;

namespace CivilProtection.Functions;

/// <summary>
/// The workflow's timers. There is no Service Bus trigger here (its worker extension is not available to our
/// builds), so a timer drives Service Bus receivers with a time budget per tick; see docs/architecture.md.
/// </summary>
public sealed class WorkflowTimers(MessagePump pump, OutboxRelay relay, RequestRepair repair)
{
    // Shorter than the 10 s period, so ticks do not pile up behind each other.
    private static readonly TimeSpan PumpBudget = TimeSpan.FromSeconds(8);

    [Function("WorkflowPump")]
    public Task Pump([TimerTrigger("*/10 * * * * *")] TimerInfo timer, CancellationToken ct) =>
        pump.RunForAsync(PumpBudget, idleWait: TimeSpan.FromSeconds(2), ct);

    [Function("OutboxSweep")]
    public Task Sweep([TimerTrigger("*/30 * * * * *")] TimerInfo timer, CancellationToken ct) => relay.SweepAsync(ct);

    // Every minute; what it checks fell due CivilProtection:Repair:After (5 minutes) after publishing.
    [Function("RequestRepair")]
    public Task Repair([TimerTrigger("0 * * * * *")] TimerInfo timer, CancellationToken ct) => repair.RunAsync(ct);
}
