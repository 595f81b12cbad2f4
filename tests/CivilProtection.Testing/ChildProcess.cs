using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CivilProtection.Testing;

/// <summary>
/// A process a test started (a host, Prism), its last lines of output kept for a failure message; disposed, it and
/// everything it started are killed.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly int _keptLines;

    private ChildProcess(Process process, int keptLines)
    {
        _process = process;
        _keptLines = keptLines;
    }

    /// <summary>Starts <paramref name="start"/> with its output and errors read (and the last <paramref name="keptLines"/> kept).</summary>
    public static ChildProcess Start(ProcessStartInfo start, int keptLines)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var child = new ChildProcess(process, keptLines);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the process printed last, for a report when something broke.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    /// <summary>Whether something accepts connections on the loopback <paramref name="port"/> now.</summary>
    public static async Task<bool> ListensAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Polls until the process listens on <paramref name="port"/>; fails with its output if it exits or the time runs out.</summary>
    public async Task WaitUntilListeningAsync(int port, TimeSpan timeout, string name)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await ListensAsync(port))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with code {_process.ExitCode} while starting:{Environment.NewLine}{RecentOutput}");
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{name} did not listen on port {port} within {timeout}:{Environment.NewLine}{RecentOutput}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Ends the process at once, as a crash would (SIGKILL to it and its children): nothing of it runs after this returns.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > _keptLines && _output.TryDequeue(out _))
        {
        }
    }
}
