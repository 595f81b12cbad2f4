using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace CivilProtection.Functions.Tests;

/// <summary>functions.metadata, which the Functions host reads to know the app's functions, lists exactly those declared in code.</summary>
public sealed class FunctionsMetadataTests
{
    [Fact]
    public void The_functions_app_output_holds_functions_metadata_and_the_app_assembly()
    {
        Assert.True(File.Exists(FunctionsApp.OutputFile("functions.metadata")), $"functions.metadata is missing from {FunctionsApp.OutputDirectory}.");
        Assert.True(File.Exists(FunctionsApp.OutputFile(FunctionsApp.AssemblyFileName)), $"{FunctionsApp.AssemblyFileName} is missing from {FunctionsApp.OutputDirectory}.");
    }

    [Fact]
    public void The_code_declares_functions()
    {
        Assert.NotEmpty(FunctionsApp.DeclaredFunctions);
    }

    [Fact]
    public void Every_function_declared_in_code_is_in_the_metadata()
    {
        var listed = FunctionsApp.Metadata.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

        var missing = FunctionsApp.DeclaredFunctions.Keys.Where(name => !listed.Contains(name)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"Declared in code but missing from functions.metadata (rebuild the app?): {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_function_in_the_metadata_is_declared_in_code()
    {
        var stale = FunctionsApp.Metadata.Select(f => f.Name).Where(name => !FunctionsApp.DeclaredFunctions.ContainsKey(name)).Order(StringComparer.Ordinal).ToList();

        Assert.True(stale.Count == 0, $"Listed in functions.metadata but declared nowhere in code (stale metadata?): {string.Join(", ", stale)}");
    }

    [Fact]
    public void The_metadata_lists_each_function_once()
    {
        var repeated = FunctionsApp.Metadata.GroupBy(f => f.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.True(repeated.Count == 0, $"Listed more than once in functions.metadata: {string.Join(", ", repeated)}");
    }

    [Fact]
    public void Every_function_in_the_metadata_points_at_its_method_in_the_app_assembly()
    {
        Assert.All(FunctionsApp.Metadata.Where(f => FunctionsApp.DeclaredFunctions.ContainsKey(f.Name)), function =>
        {
            var method = FunctionsApp.DeclaredFunctions[function.Name];
            Assert.Equal(FunctionsApp.AssemblyFileName, function.ScriptFile);
            Assert.Equal($"{method.DeclaringType!.FullName}.{method.Name}", function.EntryPoint);
        });
    }

    [Fact]
    public void Every_function_in_the_metadata_has_exactly_one_trigger_of_the_kind_declared_in_code()
    {
        Assert.All(FunctionsApp.Metadata.Where(f => FunctionsApp.DeclaredFunctions.ContainsKey(f.Name)), function =>
        {
            var triggers = function.Bindings.Where(b => FunctionMetadata.Text(b, "type") is { } type && type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase)).ToList();
            var trigger = Assert.Single(triggers);
            Assert.Equal(DeclaredTriggerType(FunctionsApp.DeclaredFunctions[function.Name]), FunctionMetadata.Text(trigger, "type"), StringComparer.OrdinalIgnoreCase);
        });
    }

    [Theory]
    [InlineData("WorkflowPump")]
    [InlineData("OutboxSweep")]
    [InlineData("RequestRepair")]
    public void The_workflow_timers_are_declared_and_run_on_their_schedule(string name)
    {
        Assert.True(FunctionsApp.DeclaredFunctions.TryGetValue(name, out var method), $"No function {name} is declared in code.");
        var declared = method.GetParameters().Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).Single(a => a is not null)!;
        var function = Assert.Single(FunctionsApp.Metadata, f => f.Name == name);

        var trigger = function.Trigger("timerTrigger");

        Assert.True(trigger.HasValue, $"{name} has no timerTrigger binding in functions.metadata.");
        var schedule = FunctionMetadata.Text(trigger.Value, "schedule");
        Assert.False(string.IsNullOrWhiteSpace(schedule), $"{name} has no schedule in functions.metadata.");
        Assert.Equal(declared.Schedule, schedule);
        // The Functions host's NCRONTAB has six fields, seconds first.
        Assert.Equal(6, schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void The_workflow_timers_are_the_only_timer_functions()
    {
        var timers = FunctionsApp.Metadata.Where(f => f.Trigger("timerTrigger").HasValue).Select(f => f.Name).Order(StringComparer.Ordinal);

        Assert.Equal(["OutboxSweep", "RequestRepair", "WorkflowPump"], timers);
    }

    private static string DeclaredTriggerType(MethodInfo method)
    {
        var parameters = method.GetParameters();
        if (parameters.Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null))
        {
            return "httpTrigger";
        }
        if (parameters.Any(p => p.GetCustomAttribute<TimerTriggerAttribute>() is not null))
        {
            return "timerTrigger";
        }
        return $"(a trigger these tests do not know, on {method.DeclaringType?.Name}.{method.Name})";
    }
}
