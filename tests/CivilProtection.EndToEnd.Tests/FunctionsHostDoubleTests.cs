using System.Net;
using CivilProtection.FunctionsHostDouble;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>What the Functions app does under the host double that only a host does: the handshake, routing, 404 and 405.</summary>
public sealed class FunctionsHostDoubleTests(FunctionsAppFixture fixture) : IClassFixture<FunctionsAppFixture>
{
    [Fact]
    public void The_worker_loaded_every_function_with_its_trigger()
    {
        var functions = fixture.Functions.HostDouble.Functions;
        Assert.Contains(functions, f => f.Name == "FileRequest" && f.Trigger is HttpTrigger { Route: "api/requests", Methods: ["POST"] });
        Assert.Contains(functions, f => f.Name == "WorkflowPump" && f.Trigger is TimerTrigger { Schedule: "*/10 * * * * *" });
        Assert.Equal("", fixture.Functions.HostDouble.RoutePrefix);
        Assert.Equal("localhost", fixture.Functions.HostDouble.WorkerHttpUri.Host);
    }

    [Fact]
    public async Task A_path_no_function_routes_is_404_and_a_routed_path_with_another_method_is_405()
    {
        using var client = fixture.Functions.ClientFor("ma-duty");
        using var unknown = await client.GetAsync("/api/requests/AR-1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var wrongMethod = await client.DeleteAsync("/api/requests");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
    }

    [Fact]
    public async Task Route_values_reach_the_function_through_the_invocations_trigger_metadata()
    {
        var filed = await fixture.Functions.ClientFor("ma-duty").FileAsync(RequestSamples.Flood());
        var id = Api.Id(filed);

        var read = await fixture.Functions.ClientFor("ma-duty").GetRequestAsync(id);

        Assert.Equal(id, Api.Id(read));
    }

    [Fact]
    public async Task A_timer_fired_on_demand_runs_in_the_worker()
    {
        await fixture.Functions.HostDouble.FireTimerAsync("OutboxSweep");
        await fixture.Functions.HostDouble.FireTimerAsync("RequestRepair");
    }
}
