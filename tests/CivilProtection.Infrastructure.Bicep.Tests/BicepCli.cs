using System.Diagnostics;
using System.Reflection;

namespace CivilProtection.Infrastructure.Bicep.Tests;

/// <summary>The Bicep CLI from the NuGet package, and the folder of the Bicep sources.</summary>
public static class BicepCli
{
    public static string Executable { get; } = Metadata("BicepExecutable");

    public static string InfraDirectory { get; } = Metadata("InfraDirectory");

    /// <summary>Runs the CLI in the infra folder and returns its exit code and everything it printed.</summary>
    public static async Task<BicepRun> RunAsync(params string[] arguments)
    {
        EnsureExecutable();
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = InfraDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A token in the test runner's environment must never be compiled into a parameters file.
        start.Environment.Remove("TWILIO_AUTH_TOKEN");

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Executable}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new BicepRun(string.Join(' ', arguments), process.ExitCode, await output, await error);
    }

    private static void EnsureExecutable()
    {
        if (!File.Exists(Executable))
        {
            throw new FileNotFoundException("The Bicep CLI of the Azure.Bicep.CommandLine.linux-x64 package is missing.", Executable);
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // NuGet does not always keep the execute bit of files it extracts.
        var mode = File.GetUnixFileMode(Executable);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(Executable, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }

    private static string Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing from the test project.");
}

/// <summary>One run of the Bicep CLI.</summary>
public sealed record BicepRun(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Diagnostics Bicep printed (it prints "path(line,col) : Warning rule: ..." on standard error).</summary>
    public IReadOnlyList<string> Diagnostics =>
        (StandardOutput + "\n" + StandardError)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains(" : Warning ", StringComparison.Ordinal)
                || line.Contains(" : Error ", StringComparison.Ordinal)
                || line.Contains(" : Info ", StringComparison.Ordinal))
            .ToList();

    public bool IsClean => ExitCode == 0 && Diagnostics.Count == 0;

    public override string ToString() =>
        $"bicep {Command} exited {ExitCode}\n{StandardOutput}\n{StandardError}";
}
