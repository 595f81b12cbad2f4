using System.Globalization;
using CivilProtection.Testing;

namespace CivilProtection.Benchmark;

/// <summary>What one benchmark run does: how many clients, filings and bare inserts, and where the local host is.</summary>
public sealed record BenchmarkOptions
{
    public int Clients { get; init; } = 20;

    /// <summary>Filings timed in total, over all clients, after the warm-up.</summary>
    public int Requests { get; init; } = 1000;

    /// <summary>Bare single-entity inserts timed for the floor, over all clients, after the warm-up.</summary>
    public int FloorInserts { get; init; } = 2000;

    /// <summary>
    /// Filings (and floor inserts) made first and not counted: connections, JIT and caches warm up. Tiered compilation
    /// recompiles a method only after dozens of calls, twice with PGO; after 50 filings the JIT still took 18% of the
    /// local host's CPU during the timed load, after 300 under 1%.
    /// </summary>
    public int Warmup { get; init; } = 300;

    /// <summary>The paced run's rate, filings (and floor inserts) due per second over all clients; 0 skips the paced run.</summary>
    public double PacedRate { get; init; } = 20;

    /// <summary>Filings (and floor inserts) timed in the paced run.</summary>
    public int PacedRequests { get; init; } = 400;

    /// <summary>How long to wait, after the last filing, for every item to reach the approver's inbox.</summary>
    public TimeSpan RoutingTimeout { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>The built <c>CivilProtection.LocalHost.dll</c>; by default the one the build recorded.</summary>
    public string LocalHostPath { get; init; } = LocalHostProcess.BuiltDll;

    /// <summary>Where to write one CSV line per timed filing (sent, intake and routing latency), for a closer look; none by default.</summary>
    public string? RawPath { get; init; }

    /// <summary>Azurite's process id, when the caller knows it, to report the CPU it used while filing.</summary>
    public int? AzuritePid { get; init; }

    public const string Usage = """
        Usage: CivilProtection.Benchmark [--clients N] [--requests N] [--floor-inserts N] [--warmup N]
                                         [--routing-timeout SECONDS] [--paced-rate PER_SECOND (0: none)] [--paced-requests N]
                                         [--localhost PATH] [--azurite-pid PID] [--raw CSV]
        Azurite: the one at CP_AZURITE_TABLE_ENDPOINT, or else one started on a free port, in memory.
        """;

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], i + 1 < args.Count ? args[++i] : null);
            if (value is null)
            {
                throw new ArgumentException($"{name} needs a value.\n{Usage}");
            }
            options = name switch
            {
                "--clients" => options with { Clients = Positive(name, value) },
                "--requests" => options with { Requests = Positive(name, value) },
                "--floor-inserts" => options with { FloorInserts = Positive(name, value) },
                "--warmup" => options with { Warmup = NonNegative(name, value) },
                "--paced-rate" => options with { PacedRate = NonNegativeRate(name, value) },
                "--paced-requests" => options with { PacedRequests = Positive(name, value) },
                "--routing-timeout" => options with { RoutingTimeout = TimeSpan.FromSeconds(Positive(name, value)) },
                "--localhost" => options with { LocalHostPath = Path.GetFullPath(value) },
                "--raw" => options with { RawPath = Path.GetFullPath(value) },
                "--azurite-pid" => options with { AzuritePid = Positive(name, value) },
                _ => throw new ArgumentException($"Unknown option {name}.\n{Usage}"),
            };
        }
        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} takes a whole number above 0, not '{value}'.");

    private static int NonNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{name} takes a whole number, not '{value}'.");

    private static double NonNegativeRate(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new ArgumentException($"{name} takes a number of 0 or more, not '{value}'.");
}
