using Microsoft.Extensions.Options;

namespace CivilProtection.Infrastructure.Telemetry;

/// <summary>Where traces and metrics go (section <c>CivilProtection:Telemetry</c>, and Application Insights' own setting).</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "CivilProtection:Telemetry";

    /// <summary>The setting App Service and Bicep use for Application Insights; when present, telemetry goes to Azure Monitor.</summary>
    public const string AzureMonitorConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Writes traces and metrics to the console (off by default, so local and test output stay readable).</summary>
    public bool Console { get; set; }

    /// <summary>The share of traces kept, 0 (exclusive) to 1; a trace is kept or dropped whole, across the queues.</summary>
    public double SamplingRatio { get; set; } = 1.0;

    /// <summary>
    /// Records trace spans. Unset, only when they go somewhere (Azure Monitor or the console): a span nobody exports
    /// is still built, tagged and timed for every storage call, message and request. Set true when you attach an
    /// exporter of your own.
    /// </summary>
    public bool? Traces { get; set; }

    public bool RecordsTraces => Traces ?? (Console || ExportsToAzureMonitor);

    /// <summary>From <see cref="AzureMonitorConnectionStringKey"/>: the Application Insights resource to export to.</summary>
    public string? AzureMonitorConnectionString { get; set; }

    public bool ExportsToAzureMonitor => !string.IsNullOrWhiteSpace(AzureMonitorConnectionString);
}

/// <summary>Checks the telemetry settings at start, naming each bad one.</summary>
public sealed class TelemetryOptionsValidation : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var errors = new List<string>();
        if (options.SamplingRatio is <= 0 or > 1 || double.IsNaN(options.SamplingRatio))
        {
            errors.Add($"{TelemetryOptions.SectionName}:SamplingRatio must be greater than 0 and at most 1 (1 keeps every trace).");
        }
        if (options.ExportsToAzureMonitor && !IsConnectionString(options.AzureMonitorConnectionString!))
        {
            errors.Add($"{TelemetryOptions.AzureMonitorConnectionStringKey} must be an Application Insights connection string, "
                + "InstrumentationKey=<guid>;IngestionEndpoint=https://<region>.in.applicationinsights.azure.com/;… (copy it from the resource's overview).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsConnectionString(string value)
    {
        var pairs = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .ToList();
        if (pairs.Any(pair => pair.Length != 2))
        {
            return false;
        }
        var key = pairs.FirstOrDefault(pair => pair[0].Equals("InstrumentationKey", StringComparison.OrdinalIgnoreCase))?[1];
        var endpoint = pairs.FirstOrDefault(pair => pair[0].Equals("IngestionEndpoint", StringComparison.OrdinalIgnoreCase))?[1];
        return Guid.TryParse(key, out _)
            && (endpoint is null || (Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps));
    }
}
