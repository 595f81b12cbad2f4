using System.Text.Json.Nodes;

namespace CivilProtection.Infrastructure.Bicep.Tests;

/// <summary>The Bicep sources compile and lint clean, with a strict linter, and the parameters files keep secrets out.</summary>
[Collection(CompiledInfrastructureCollection.Name)]
public sealed class CompilationTests(CompiledInfrastructure infra)
{
    [Fact]
    public void Main_template_compiles_without_any_diagnostic()
    {
        Assert.True(infra.MainBuild.IsClean, infra.MainBuild.ToString());
    }

    [Fact]
    public void Every_parameters_file_compiles_without_any_diagnostic()
    {
        Assert.NotEmpty(infra.ParameterFiles);
        Assert.All(infra.ParameterFiles.Values, p => Assert.True(p.Build.IsClean, p.Build.ToString()));
    }

    [Fact]
    public void Every_bicep_and_parameters_file_lints_clean()
    {
        Assert.Contains("main.bicep", infra.Lints.Keys);
        Assert.Contains(infra.Lints.Keys, k => k.StartsWith("modules/", StringComparison.Ordinal));
        Assert.Contains(infra.Lints.Keys, k => k.EndsWith(".bicepparam", StringComparison.Ordinal));
        Assert.All(infra.Lints.Values, run => Assert.True(run.IsClean, run.ToString()));
    }

    [Fact]
    public void Linter_makes_every_rule_an_error_except_the_date_and_registry_ones()
    {
        var config = JsonNode.Parse(
            File.ReadAllText(Path.Combine(infra.InfraDirectory, "bicepconfig.json")),
            documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var rules = config["analyzers"]!["core"]!["rules"]!.AsObject();

        var off = rules.Where(r => r.Value!["level"]!.GetValue<string>() == "off").Select(r => r.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["use-recent-api-versions", "use-recent-module-versions"], off);
        Assert.All(
            rules.Where(r => !off.Contains(r.Key)),
            r => Assert.True(r.Value!["level"]!.GetValue<string>() == "error", $"{r.Key} is {r.Value!["level"]}"));
        Assert.True(rules.Count >= 40, $"Only {rules.Count} rules are configured.");
    }

    [Fact]
    public void Every_environment_names_its_region_rather_than_following_the_resource_group()
    {
        // The region is a data-residency decision, so each environment states it.
        Assert.All(infra.ParameterFiles, p =>
            Assert.False(string.IsNullOrWhiteSpace(p.Value.Values.GetValueOrDefault("location")?.GetValue<string>()), $"{p.Key} names no region."));
    }

    [Fact]
    public void Parameters_files_never_hold_a_Twilio_auth_token()
    {
        Assert.All(infra.ParameterFiles, p =>
            Assert.Equal(string.Empty, p.Value.Values["twilioAuthToken"]!.GetValue<string>()));
        Assert.All(
            Directory.EnumerateFiles(Path.Combine(infra.InfraDirectory, "env"), "*.bicepparam"),
            file => Assert.Contains("readEnvironmentVariable('TWILIO_AUTH_TOKEN', '')", File.ReadAllText(file), StringComparison.Ordinal));
    }
}
