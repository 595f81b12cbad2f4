using System.Collections.Concurrent;
using CivilProtection.FunctionsHostDouble.Protocol;

namespace CivilProtection.FunctionsHostDouble.Worker;

/// <summary>
/// What the worker printed and logged over the stream, and what the double itself noticed, the last lines kept for
/// a failure message. The app masks phone numbers in its own logs; nothing here adds any.
/// </summary>
public sealed class WorkerLog(int keptLines = 60)
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>The last lines, oldest first.</summary>
    public string Recent => string.Join(Environment.NewLine, _lines);

    internal void Worker(RpcLog log)
    {
        // Information and below are the worker's chatter; warnings and errors are what a failure message needs.
        if (log.Level >= RpcLog.Types.Level.Warning)
        {
            Keep($"[worker {log.Level}] {log.Category}: {log.Message}{(log.Exception is null ? "" : " " + log.Exception.Message)}");
        }
    }

    internal void Output(string? line)
    {
        if (line is not null)
        {
            Keep("[worker out] " + line);
        }
    }

    internal void Host(string line) => Keep("[double] " + line);

    private void Keep(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > keptLines && _lines.TryDequeue(out _))
        {
        }
    }
}
