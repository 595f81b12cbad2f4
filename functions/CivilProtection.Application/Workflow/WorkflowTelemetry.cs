using System.Diagnostics;

namespace CivilProtection.Application.Workflow;

/// <summary>The activity source the workflow's traces come from.</summary>
public static class WorkflowTelemetry
{
    public const string Name = "CivilProtection.Workflow";

    public static ActivitySource Source { get; } = new(Name);
}
