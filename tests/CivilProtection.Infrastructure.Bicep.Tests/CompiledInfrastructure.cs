using System.Text.Json.Nodes;

namespace CivilProtection.Infrastructure.Bicep.Tests;

/// <summary>
/// infra-bicep compiled once for all tests: main.bicep and every parameters file built into a
/// temporary folder, every Bicep file linted, and the results read back.
/// </summary>
public sealed class CompiledInfrastructure : IAsyncLifetime
{
    private readonly string outputDirectory = Directory.CreateTempSubdirectory("civilprotection-bicep-").FullName;
    private JsonObject? mainTemplate;

    public string InfraDirectory => BicepCli.InfraDirectory;

    public BicepRun MainBuild { get; private set; } = null!;

    /// <summary>The compiled ARM template of main.bicep.</summary>
    public JsonObject MainTemplate =>
        mainTemplate ?? throw new InvalidOperationException($"main.bicep did not compile, so nothing can be checked:\n{MainBuild}");

    /// <summary>Each parameters file (e.g. "env/prod.bicepparam") with its build and compiled parameter values.</summary>
    public IReadOnlyDictionary<string, CompiledParameters> ParameterFiles { get; private set; } = null!;

    /// <summary>The lint run of every .bicep and .bicepparam file, by path relative to infra-bicep.</summary>
    public IReadOnlyDictionary<string, BicepRun> Lints { get; private set; } = null!;

    /// <summary>queues.json, read on its own: what the app and Azure must agree on.</summary>
    public JsonArray QueuesJson { get; private set; } = null!;

    /// <summary>The deployment as the production parameters file would make it.</summary>
    public ArmDeployment Production => Deploy("env/prod.bicepparam");

    public ArmDeployment Deploy(string parametersFile, Action<Dictionary<string, JsonNode?>>? change = null)
    {
        var values = ParameterFiles[parametersFile].Values.ToDictionary(v => v.Key, v => v.Value?.DeepClone());
        change?.Invoke(values);
        return ArmDeployment.Read(MainTemplate, values);
    }

    public async Task InitializeAsync()
    {
        var mainJson = Path.Combine(outputDirectory, "main.json");
        // A failed build fails every test through MainTemplate, with the diagnostics in the message.
        MainBuild = await BicepCli.RunAsync("build", "main.bicep", "--outfile", mainJson);
        if (MainBuild.ExitCode == 0)
        {
            mainTemplate = JsonNode.Parse(await File.ReadAllTextAsync(mainJson))!.AsObject();
        }

        var parameterFiles = new Dictionary<string, CompiledParameters>(StringComparer.Ordinal);
        foreach (var file in Relative(Directory.EnumerateFiles(Path.Combine(InfraDirectory, "env"), "*.bicepparam")))
        {
            var output = Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(file) + ".parameters.json");
            var run = await BicepCli.RunAsync("build-params", file, "--outfile", output);
            var compiled = run.ExitCode == 0 ? JsonNode.Parse(await File.ReadAllTextAsync(output))!["parameters"]!.AsObject() : [];
            parameterFiles[file] = new CompiledParameters(run, compiled.ToDictionary(p => p.Key, p => p.Value!["value"]?.DeepClone()));
        }

        ParameterFiles = parameterFiles;

        var lintTargets = Relative(Directory.EnumerateFiles(InfraDirectory, "*.bicep", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(InfraDirectory, "*.bicepparam", SearchOption.AllDirectories)));
        var lints = new System.Collections.Concurrent.ConcurrentDictionary<string, BicepRun>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            lintTargets,
            new ParallelOptions { MaxDegreeOfParallelism = 2 },
            async (target, _) => lints[target] = await BicepCli.RunAsync("lint", target));
        Lints = lints;

        var queues = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(InfraDirectory, "queues.json")))!;
        QueuesJson = queues["queues"]!.AsArray();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(outputDirectory, recursive: true);
        return Task.CompletedTask;
    }

    private List<string> Relative(IEnumerable<string> paths) =>
        paths.Select(p => Path.GetRelativePath(InfraDirectory, p).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
}

/// <summary>One parameters file: its build-params run and the values it compiles to.</summary>
public sealed record CompiledParameters(BicepRun Build, IReadOnlyDictionary<string, JsonNode?> Values);

[CollectionDefinition(Name)]
public sealed class CompiledInfrastructureCollection : ICollectionFixture<CompiledInfrastructure>
{
    public const string Name = "Compiled infrastructure";
}
