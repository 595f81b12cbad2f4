using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using CivilProtection.Testing;

namespace CivilProtection.Scripts.Tests;

/// <summary>
/// <c>./run.sh</c> as a user runs it, on free ports and a data folder of the test's own. It leads a process group of its
/// own (as a shell's foreground job does), so a Ctrl-C can be sent the way a terminal sends it: SIGINT to the whole group.
/// </summary>
internal sealed class RunScript : IAsyncDisposable
{
    // The first start builds the local host if ./test.sh has not; later ones find it built.
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(4);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunScript(Process process, Uri baseAddress, int azuritePort)
    {
        _process = process;
        BaseAddress = baseAddress;
        AzuritePort = azuritePort;
    }

    public Uri BaseAddress { get; }

    public int AzuritePort { get; }

    public int Id => _process.Id;

    /// <summary>What the script and everything it started wrote so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>run.sh</c> on these ports over this data folder and waits until the host answers its health probe.</summary>
    public static async Task<RunScript> StartAsync(int hostPort, int azuritePort, string dataDirectory)
    {
        var root = Azurite.RepositoryRoot();
        var baseAddress = new Uri($"http://127.0.0.1:{hostPort}");
        // A Ctrl-C in a terminal reaches run.sh with SIGINT's default disposition. A suite started in the background
        // by a non-interactive shell inherits SIGINT ignored (bash ignores it for background jobs), and a shell
        // cannot trap a signal ignored when it started: env puts back what a terminal gives.
        var start = new ProcessStartInfo("setsid")
        {
            ArgumentList = { "env", "--default-signal=INT", "bash", Path.Combine(root, "run.sh") },
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["CP_URLS"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["CP_AZURITE_PORT"] = azuritePort.ToString(CultureInfo.InvariantCulture);
        start.Environment["CP_DATA_DIR"] = dataDirectory;
        // test.sh's Azurite is not this run's: run.sh starts its own.
        start.Environment.Remove("CP_AZURITE_TABLE_ENDPOINT");

        var process = Process.Start(start) ?? throw new InvalidOperationException("run.sh did not start.");
        var script = new RunScript(process, baseAddress, azuritePort);
        process.OutputDataReceived += (_, e) => script.Append(e.Data);
        process.ErrorDataReceived += (_, e) => script.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await script.WaitUntilHealthyAsync();
        return script;
    }

    /// <summary>A signal to the script alone, as <c>kill</c> or a service manager sends it.</summary>
    public Task SignalAsync(string signal) => KillAsync("-s", signal, Id.ToString(CultureInfo.InvariantCulture));

    /// <summary>A signal to the script's whole process group, as a terminal sends Ctrl-C.</summary>
    public Task SignalGroupAsync(string signal) => KillAsync("-s", signal, "--", "-" + Id.ToString(CultureInfo.InvariantCulture));

    /// <summary>The local host run.sh started (a child of the script running the host's dll).</summary>
    public Process Host()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // pid (comm) state ppid ...: comm may hold spaces, so read after its closing parenthesis.
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                var command = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (parent == Id && command.Contains("CivilProtection.LocalHost.dll", StringComparison.Ordinal))
                {
                    return Process.GetProcessById(pid);
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }
        throw new InvalidOperationException($"run.sh (pid {Id}) has no local host among its children.\n{Output}");
    }

    /// <summary>Waits for the script to end on its own and gives its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"run.sh was still running {patience.TotalSeconds:0} s later.\n{Output}");
        }
        return _process.ExitCode;
    }

    /// <summary>Whether anything still listens on Azurite's port (an Azurite left running).</summary>
    public bool AzuriteListens()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", AzuritePort);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Stops the run as a user would (SIGTERM) and, if it will not go, the whole group for good.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await SignalAsync("TERM");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                await SignalGroupAsync("KILL");
            }
        }
        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartPatience)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"run.sh ended with {_process.ExitCode} before its host answered.\n{Output}");
            }
            try
            {
                using var response = await http.GetAsync("/api/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting, too slow to answer yet.
            }
            await Task.Delay(200);
        }
        Assert.Fail($"run.sh's host did not answer within {StartPatience.TotalMinutes:0} minutes.\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static async Task KillAsync(params string[] arguments)
    {
        // bash's own kill: there on every machine run.sh runs on, whatever else is installed.
        var start = new ProcessStartInfo("bash") { ArgumentList = { "-c", "kill \"$@\"", "kill" }, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var kill = Process.Start(start) ?? throw new InvalidOperationException("kill did not start.");
        await kill.WaitForExitAsync();
    }
}
