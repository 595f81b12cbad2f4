using System.Globalization;

namespace CivilProtection.Benchmark;

/// <summary>What Linux says about a process under <c>/proc</c>: its peak resident memory and the CPU it has used.</summary>
public static class ProcessStats
{
    /// <summary>The peak resident set (VmHWM) in bytes, or null when the process or <c>/proc</c> is not there.</summary>
    public static long? PeakResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kilobytes is null ? null : long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>User plus system CPU time the process has used so far, or null when it cannot be read.</summary>
    public static TimeSpan? CpuTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits until the processes together use less than <paramref name="share"/> of one core over a second, or
    /// <paramref name="patience"/> ran out; true when they went quiet. Unreadable processes count as quiet.
    /// </summary>
    public static async Task<bool> WaitUntilQuietAsync(IReadOnlyList<int> pids, double share, TimeSpan patience, CancellationToken cancellationToken)
    {
        var window = TimeSpan.FromSeconds(1);
        var giveUpAt = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < giveUpAt)
        {
            var before = pids.Sum(p => CpuTime(p)?.TotalSeconds ?? 0);
            await Task.Delay(window, cancellationToken);
            if (pids.Sum(p => CpuTime(p)?.TotalSeconds ?? 0) - before < share * window.TotalSeconds)
            {
                return true;
            }
        }
        return false;
    }

    // USER_HZ is 100 on every Linux this runs on; the kernel reports /proc times in it.
    private const int ClockTicksPerSecond = 100;
}
