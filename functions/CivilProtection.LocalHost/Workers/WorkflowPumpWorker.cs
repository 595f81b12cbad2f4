using CivilProtection.Application.Workflow;

namespace CivilProtection.LocalHost.Workers;

/// <summary>Runs the message pump continuously, where the Functions app runs it from a timer.</summary>
public sealed class WorkflowPumpWorker(MessagePump pump) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => pump.RunAsync(TimeSpan.FromSeconds(5), stoppingToken);
}
