using System.Globalization;
using System.Text;

namespace CivilProtection.Benchmark;

/// <summary>
/// The figures of one load (as fast as answers come back, or paced), printed against the targets. It reports; it does not gate.
/// </summary>
public sealed record Report(
    BenchmarkOptions Options,
    double? PerSecond,
    PhaseResult Floor,
    PhaseResult Commit,
    PhaseResult Hop,
    PhaseResult Intake,
    RoutingResult Routing,
    CpuUse? IntakeCpu)
{
    /// <summary>The intake's median may be at most this many times the floor's: a filing is a few round trips, not many.</summary>
    public const double RatioTarget = 2.0;

    /// <summary>At the default 20 clients, 99 in 100 filings reach the first approver within this.</summary>
    public static readonly TimeSpan RoutingP99Target = TimeSpan.FromSeconds(1);

    public double Ratio => Intake.Latencies.P50 / Floor.Latencies.P50;

    /// <summary>The benchmark itself broke: a filing failed or an item never arrived, so the figures are not to be trusted.</summary>
    public bool Broke => Floor.Errors > 0 || Commit.Errors > 0 || Hop.Errors > 0 || Intake.Errors > 0 || Routing.Missing > 0;

    /// <summary>The first line of the printed figures.</summary>
    public static string Heading(BenchmarkOptions options) => string.Create(CultureInfo.InvariantCulture,
        $"CivilProtection benchmark — {options.Clients} clients, {options.Requests} requests, {options.FloorInserts} floor inserts, warm-up {options.Warmup} ({DateTime.Now:yyyy-MM-dd HH:mm}, {Environment.ProcessorCount} cores)");

    /// <summary>The line on the local host's memory, over the whole run.</summary>
    public static string Memory(long? hostPeakBytes) =>
        $"memory  local host peak resident set:      {(hostPeakBytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / (1024.0 * 1024):0} MB (VmHWM)") : "unknown (no /proc)")}";

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(PerSecond is { } rate
            ? string.Create(c, $"-- paced: {Floor.Operations} floor inserts, {Commit.Operations} commits, {Hop.Operations} hops, then {Intake.Operations} filings, each due at {rate:0.#}/s from {Options.Clients} clients; latency counted from when each was due")
            : string.Create(c, $"-- saturated: {Options.Clients} clients, each sending its next operation as soon as the last one answered"));
        text.AppendLine(c, $"floor   single-entity insert into Azurite:  {Rate(Floor.PerSecond),-8} inserts/s  {Spread(Floor.Latencies)}   errors {Floor.Errors}");
        text.AppendLine(c, $"commit  the filing's transaction alone:     {Rate(Commit.PerSecond),-8} commits/s  {Spread(Commit.Latencies)}   errors {Commit.Errors}  ({Commit.Latencies.P50 / Floor.Latencies.P50:0.0}x the floor)");
        text.AppendLine(c, $"hop     GET /api/health (no storage):       {Rate(Hop.PerSecond),-8} req/s      {Spread(Hop.Latencies)}   errors {Hop.Errors}");
        text.AppendLine(c, $"intake  POST /api/requests:                 {Rate(Intake.PerSecond),-8} req/s      {Spread(Intake.Latencies)}   errors {Intake.Errors}");
        text.AppendLine(c, $"ratio   intake p50 / floor p50:             {Ratio:0.0}x  (target <= {RatioTarget:0}x)  {Mark(Ratio <= RatioTarget)}");
        text.AppendLine(c, $"routing filing -> first approver inbox:     {Spread(Routing.Latencies)}  max {Ms(Routing.Latencies.Max)}  (target p99 < {RoutingP99Target.TotalSeconds:0} s)  {Mark(Routing.Latencies.P99 < RoutingP99Target.TotalMilliseconds && Routing.Missing == 0)}   missing {Routing.Missing}");
        if (IntakeCpu is { } cpu)
        {
            text.AppendLine(c, $"cpu     while filing ({cpu.Wall.TotalSeconds:0.0} s wall x {Environment.ProcessorCount} cores): local host {Seconds(cpu.Host)}, Azurite {Seconds(cpu.Azurite)}, benchmark {Seconds(cpu.Benchmark)}");
        }
        if (Broke)
        {
            text.AppendLine("BROKEN  some operations failed or never arrived: the figures above are not comparable.");
        }
        return text.ToString();
    }

    private static string Rate(double perSecond) => perSecond.ToString("0", CultureInfo.InvariantCulture);

    private static string Spread(Latencies l) => $"p50 {Ms(l.P50)}  p95 {Ms(l.P95)}  p99 {Ms(l.P99)}";

    private static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : ms.ToString(ms < 100 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";

    private static string Seconds(TimeSpan? t) => t is { } v ? v.TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture) : "n/a";

    private static string Mark(bool met) => met ? "pass" : "MISS";
}

/// <summary>CPU time used by each process over the timed filing, beside the wall time it took.</summary>
public sealed record CpuUse(TimeSpan Wall, TimeSpan? Host, TimeSpan? Azurite, TimeSpan? Benchmark);
