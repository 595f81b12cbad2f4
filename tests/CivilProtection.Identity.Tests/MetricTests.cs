using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CivilProtection.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace CivilProtection.Identity.Tests;

/// <summary>The workflow's metrics reach the exporters: requests filed, decisions and the time they took.</summary>
/// <remarks>The meter is process-wide, so hosts of other tests add to the same figures: the tests check at least what they did.</remarks>
public sealed class MetricTests
{
    [Fact]
    public async Task Filing_and_deciding_are_counted_and_the_time_to_decision_is_recorded()
    {
        var metrics = new Collected<MetricSnapshot>();
        await using var host = await TestHost.StartAsync(configure: b => b.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics)));

        using var filed = await host.ClientFor("ma-duty").PostAsJsonAsync("/api/requests", RequestSamples.Flood(urgency: "urgent"));
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var id = (string)(await filed.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        using var decided = await host.ClientFor("ma-approver").PostAsJsonAsync($"/api/requests/{id}/decisions", new JsonObject { ["decision"] = "approve" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        Assert.True(host.Service<MeterProvider>().ForceFlush(10_000), "The metrics were not flushed.");
        var exported = metrics.Snapshot();
        Assert.True(Sum(exported, "civilprotection.requests.filed", ("urgency", "urgent")) >= 1, "No filing counted.");
        Assert.True(Sum(exported, "civilprotection.decisions", ("decision", "approve")) >= 1, "No decision counted.");
        var durations = exported.Where(m => m.Name == "civilprotection.decision.duration").SelectMany(m => m.MetricPoints).ToList();
        Assert.Contains(durations, p => p.GetHistogramCount() >= 1 && HasTag(p, ("decision", "approve")));
        Assert.Equal("s", exported.First(m => m.Name == "civilprotection.decision.duration").Unit);
    }

    private static long Sum(IEnumerable<MetricSnapshot> exported, string name, (string Key, string Value) tag) =>
        exported.Where(m => m.Name == name).SelectMany(m => m.MetricPoints).Where(p => HasTag(p, tag)).Select(p => p.GetSumLong()).DefaultIfEmpty().Max();

    private static bool HasTag(MetricPoint point, (string Key, string Value) tag)
    {
        foreach (var pair in point.Tags)
        {
            if (pair.Key == tag.Key && Equals(pair.Value, tag.Value))
            {
                return true;
            }
        }
        return false;
    }
}
