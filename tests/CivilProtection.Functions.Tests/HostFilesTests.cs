using System.Text.Json;

namespace CivilProtection.Functions.Tests;

/// <summary>The files beside the app that the Functions host and the worker read: host.json, worker.config.json, extensions.json and the runtime config.</summary>
public sealed class HostFilesTests
{
    private static string RepositoryHostJson => Path.Combine(FunctionsApp.RepositoryRoot, "host.json");

    private static string OutputHostJson => FunctionsApp.OutputFile("host.json");

    [Fact]
    public void The_output_holds_the_repository_host_json_byte_for_byte()
    {
        Assert.True(File.Exists(RepositoryHostJson), $"There is no host.json at the repository root {FunctionsApp.RepositoryRoot}.");
        Assert.True(File.Exists(OutputHostJson), $"host.json is missing from {FunctionsApp.OutputDirectory}.");

        Assert.True(
            File.ReadAllBytes(RepositoryHostJson).AsSpan().SequenceEqual(File.ReadAllBytes(OutputHostJson)),
            $"{OutputHostJson} differs from {RepositoryHostJson}; rebuild the app.");
    }

    [Fact]
    public void Host_json_removes_the_route_prefix_because_the_routes_carry_api_themselves()
    {
        var host = FunctionsApp.ReadJson(OutputHostJson);

        Assert.True(host.TryGetProperty("extensions", out var extensions), "host.json has no extensions section.");
        Assert.True(extensions.TryGetProperty("http", out var http), "host.json has no extensions.http section.");
        Assert.True(http.TryGetProperty("routePrefix", out var routePrefix), "host.json does not set extensions.http.routePrefix (the host would add a second api/).");
        Assert.Equal(JsonValueKind.String, routePrefix.ValueKind);
        Assert.Equal("", routePrefix.GetString());
    }

    [Fact]
    public void Host_json_sets_a_function_timeout()
    {
        var host = FunctionsApp.ReadJson(OutputHostJson);

        Assert.True(host.TryGetProperty("functionTimeout", out var timeout), "host.json sets no functionTimeout.");
        Assert.True(TimeSpan.TryParse(timeout.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var span), $"functionTimeout '{timeout}' is not a time span.");
        Assert.True(span > TimeSpan.Zero, $"functionTimeout {span} is not positive.");
    }

    [Fact]
    public void Host_json_is_for_the_version_2_host()
    {
        var host = FunctionsApp.ReadJson(OutputHostJson);

        Assert.Equal("2.0", host.GetProperty("version").GetString());
    }

    [Fact]
    public void The_output_holds_a_worker_config_that_starts_the_app_assembly_as_an_isolated_worker()
    {
        var path = FunctionsApp.OutputFile("worker.config.json");
        Assert.True(File.Exists(path), $"worker.config.json is missing from {FunctionsApp.OutputDirectory}.");

        var description = FunctionsApp.ReadJson(path).GetProperty("description");

        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal(FunctionsApp.AssemblyFileName, description.GetProperty("defaultWorkerPath").GetString());
    }

    [Fact]
    public void The_output_holds_extensions_json()
    {
        var path = FunctionsApp.OutputFile("extensions.json");
        Assert.True(File.Exists(path), $"extensions.json is missing from {FunctionsApp.OutputDirectory}.");

        Assert.Equal(JsonValueKind.Array, FunctionsApp.ReadJson(path).GetProperty("extensions").ValueKind);
    }

    [Fact]
    public void The_worker_runtime_config_stops_idle_thread_pool_workers_from_spinning()
    {
        // Spinning workers took a quarter of the host's CPU at 20 filings a second on two cores (docs/architecture.md).
        var path = FunctionsApp.OutputFile("CivilProtection.Functions.runtimeconfig.json");
        Assert.True(File.Exists(path), $"The worker's runtime config is missing from {FunctionsApp.OutputDirectory}.");

        var properties = FunctionsApp.ReadJson(path).GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", out var spinLimit),
            "The worker's runtime config does not set System.Threading.ThreadPool.UnfairSemaphoreSpinLimit (Directory.Build.props).");
        Assert.Equal(0, spinLimit.GetInt32());
    }
}
