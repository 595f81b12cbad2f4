using System.Text.Json;
using CivilProtection.FunctionsHostDouble.Protocol;

namespace CivilProtection.FunctionsHostDouble;

/// <summary>One function the worker described and loaded, with the trigger the double fires it by.</summary>
public sealed record LoadedFunction(string FunctionId, string Name, FunctionTrigger Trigger)
{
    internal static LoadedFunction Of(RpcFunctionMetadata metadata)
    {
        var trigger = metadata.RawBindings.Select(FunctionTrigger.Parse).FirstOrDefault(t => t is not null)
            ?? throw new InvalidOperationException($"The function {metadata.Name} declares no trigger the double knows (httpTrigger, timerTrigger).");
        return new LoadedFunction(metadata.FunctionId, metadata.Name, trigger);
    }
}

/// <summary>What fires a function: an HTTP route with its methods, or a CRON schedule.</summary>
public abstract record FunctionTrigger(string BindingName)
{
    internal static FunctionTrigger? Parse(string rawBinding)
    {
        using var document = JsonDocument.Parse(rawBinding);
        var binding = document.RootElement;
        var name = Text(binding, "name") ?? "";
        if (!string.Equals(Text(binding, "direction"), "In", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return Text(binding, "type")?.ToLowerInvariant() switch
        {
            "httptrigger" => new HttpTrigger(name, Text(binding, "route"),
                binding.TryGetProperty("methods", out var methods) && methods.ValueKind == JsonValueKind.Array
                    ? methods.EnumerateArray().Select(m => (m.GetString() ?? "").ToUpperInvariant()).ToList()
                    : []),
            "timertrigger" => new TimerTrigger(name, Text(binding, "schedule") ?? throw new InvalidOperationException("A timer trigger without a schedule.")),
            _ => null,
        };
    }

    // Metadata property names are camelCase from the SDK, but the host reads them case-insensitively.
    private static string? Text(JsonElement binding, string property) =>
        binding.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, property, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.String } found
            ? found.Value.GetString()
            : null;
}

/// <summary>An HTTP trigger; no methods means every method, as the host reads it. A null route is the function's name.</summary>
public sealed record HttpTrigger(string BindingName, string? Route, IReadOnlyList<string> Methods) : FunctionTrigger(BindingName);

/// <summary>A timer trigger with its CRON schedule (six fields, seconds first).</summary>
public sealed record TimerTrigger(string BindingName, string Schedule) : FunctionTrigger(BindingName);
