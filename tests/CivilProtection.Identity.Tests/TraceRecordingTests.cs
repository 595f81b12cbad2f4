using CivilProtection.Infrastructure.Telemetry;

namespace CivilProtection.Identity.Tests;

/// <summary>Spans are built only when they go somewhere: unexported, they cost every storage call and message for nothing.</summary>
public sealed class TraceRecordingTests
{
    private const string AppInsights = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/";

    [Fact]
    public void Nothing_exports_so_nothing_is_recorded() => Assert.False(new TelemetryOptions().RecordsTraces);

    [Fact]
    public void Azure_Monitor_or_the_console_records_traces()
    {
        Assert.True(new TelemetryOptions { AzureMonitorConnectionString = AppInsights }.RecordsTraces);
        Assert.True(new TelemetryOptions { Console = true }.RecordsTraces);
    }

    [Fact]
    public void The_setting_overrides_either_way()
    {
        Assert.True(new TelemetryOptions { Traces = true }.RecordsTraces);
        Assert.False(new TelemetryOptions { Console = true, Traces = false }.RecordsTraces);
    }
}
