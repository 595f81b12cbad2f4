using System.Diagnostics;

namespace CivilProtection.FunctionsHostDouble.Worker;

/// <summary>
/// The isolated worker as the host starts it: <c>dotnet App.dll</c> in the app's folder, told where to dial by its
/// command line (the current <c>--functions-*</c> switches and the older ones beside them, as the host passes both),
/// its app settings as environment variables.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static WorkerProcess Start(FunctionsHostOptions options, int grpcPort, string workerId, string requestId, WorkerLog log)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.AppAssembly))!;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(options.AppAssembly, grpcPort, workerId, requestId, options.GrpcMaxMessageLength))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in options.AppSettings)
        {
            // App settings reach the worker as environment variables; ':' is '__' there, as on App Service.
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = directory;
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = directory;
        start.Environment["AzureWebJobsScriptRoot"] = directory;
        start.Environment["AZURE_FUNCTIONS_ENVIRONMENT"] = options.Environment;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => log.Output(e.Data);
        process.ErrorDataReceived += (_, e) => log.Output(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcess(process);
    }

    public static IEnumerable<string> Arguments(string appAssembly, int grpcPort, string workerId, string requestId, int maxMessageLength) =>
    [
        Path.GetFullPath(appAssembly),
        "--host", "127.0.0.1",
        "--port", grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--workerId", workerId,
        "--requestId", requestId,
        "--grpcMaxMessageLength", maxMessageLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--functions-uri", $"http://127.0.0.1:{grpcPort}/",
        "--functions-worker-id", workerId,
        "--functions-request-id", requestId,
        "--functions-grpc-max-message-length", maxMessageLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];

    /// <summary>Waits for the worker to leave by itself (after <c>WorkerTerminate</c>); false if it is still there.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>Ends the worker at once, as a crash would (SIGKILL to it and its children).</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }
        _process.Dispose();
    }
}
