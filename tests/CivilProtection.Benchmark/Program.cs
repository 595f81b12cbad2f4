using System.Diagnostics;
using System.Runtime.InteropServices;
using CivilProtection.Benchmark;
using CivilProtection.Testing;

// Times filing and routing end to end: the floor (bare inserts into Azurite), the intake over HTTP, the routing
// to the first approver's inbox, and the local host's memory. Exit code 1 only when the benchmark itself broke.
BenchmarkOptions options;
TransportThroughputOptions transportOptions;
SmsBenchmarkOptions smsOptions;
try
{
    transportOptions = TransportThroughputOptions.Take(ref args);
    smsOptions = SmsBenchmarkOptions.Take(ref args);
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

using var stopping = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    // Unwind normally, so the local host is stopped by the disposal below and not left running.
    context.Cancel = true;
    stopping.Cancel();
}
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
var ct = stopping.Token;

if (transportOptions.Only)
{
    // Messages per second through the Service Bus adapter over the double against the in-process transport: no Azurite, no local host.
    Progress($"Transport: {transportOptions.Warmup} + {transportOptions.Messages} messages through each transport...");
    Console.Write(await TransportThroughput.RunAsync(transportOptions, ct));
    return 0;
}

try
{
    var azurite = await Azurite.SharedAsync();
    if (smsOptions.Only)
    {
        // SMS through the fake Twilio: a local host of its own over Azurite; no floor, no intake.
        Console.Write(await SmsBenchmark.RunAsync(options.LocalHostPath, azurite.ConnectionString, Azurite.UniquePrefix(), smsOptions, Progress, ct));
        return 0;
    }
    var prefix = Azurite.UniquePrefix();
    Progress($"Starting the local host ({options.LocalHostPath}) over Azurite at {azurite.TableEndpoint}, tables '{prefix}*'...");
    await using var host = await LocalHostProcess.StartAsync(options.LocalHostPath, azurite.ConnectionString, prefix, ct);
    Progress($"Local host {host.BaseAddress} (pid {host.Pid}) is ready.");

    Progress($"Floor: {options.Warmup} + {options.FloorInserts} single-entity inserts from {options.Clients} clients...");
    var floor = await FloorBenchmark.RunAsync(azurite.ConnectionString, prefix + "Floor", options.Clients, options.FloorInserts, options.Warmup, ct);

    var duty = Enumerable.Range(0, options.Clients).Select(_ => host.ClientFor("ma-duty")).ToList();
    using var approver = host.ClientFor("ma-approver");
    try
    {
        if (options.Warmup > 0)
        {
            Progress($"Warm-up: {options.Warmup} filings, not counted, and their routing...");
            var warmup = await IntakeBenchmark.RunAsync(duty, options.Warmup, ct);
            ReportErrors("warm-up", warmup.Filings);
            // The measured filing starts once the warm-up's routing is done, so it does not pay for it.
            await RoutingMeasurement.MeasureAsync(approver, warmup.Filings, options.RoutingTimeout, ct);
        }

        Progress($"Intake: {options.Requests} filings from {options.Clients} clients...");
        var cpuBefore = CpuNow(host.Pid, options.AzuritePid);
        var wall = Stopwatch.StartNew();
        var intake = await IntakeBenchmark.RunAsync(duty, options.Requests, ct);
        var cpu = CpuSince(cpuBefore, CpuNow(host.Pid, options.AzuritePid), wall.Elapsed);
        ReportErrors("intake", intake.Filings);

        Progress($"Routing: waiting up to {options.RoutingTimeout.TotalSeconds:0} s for every item in ma-approver's inbox...");
        var routing = await RoutingMeasurement.MeasureAsync(approver, intake.Filings, options.RoutingTimeout, ct);

        if (options.RawPath is not null)
        {
            await RawFigures.WriteAsync(options.RawPath, intake.Filings, routing, ct);
            Progress($"Raw figures of each filing: {options.RawPath}");
        }
        if (host.HasExited)
        {
            Console.Error.WriteLine($"The local host exited during the run:{Environment.NewLine}{host.RecentOutput}");
            return 1;
        }
        var report = new Report(options, floor, intake.Phase, routing, ProcessStats.PeakResidentBytes(host.Pid), cpu);
        Console.WriteLine();
        Console.Write(report);
        Progress($"Transport: {transportOptions.Warmup} + {transportOptions.Messages} messages through each transport...");
        Console.Write(await TransportThroughput.RunAsync(transportOptions, ct));
        if (!smsOptions.Skip)
        {
            Console.Write(await SmsBenchmark.RunAsync(options.LocalHostPath, azurite.ConnectionString, Azurite.UniquePrefix(), smsOptions, Progress, ct));
        }
        return report.Broke ? 1 : 0;
    }
    finally
    {
        duty.ForEach(c => c.Dispose());
    }
}
catch (OperationCanceledException) when (ct.IsCancellationRequested)
{
    Console.Error.WriteLine("Stopped before the end; no figures.");
    return 130;
}
catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or FileNotFoundException or HttpRequestException or Azure.RequestFailedException)
{
    Console.Error.WriteLine($"The benchmark broke: {ex.Message}");
    return 1;
}

static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

static void ReportErrors(string phase, IReadOnlyList<Filing> filings)
{
    foreach (var group in filings.Where(f => f.Error is not null).GroupBy(f => f.Error).Take(5))
    {
        Console.Error.WriteLine($"{phase}: {group.Count()} x {group.Key}");
    }
}

static (TimeSpan? Host, TimeSpan? Azurite, TimeSpan Benchmark) CpuNow(int hostPid, int? azuritePid) =>
    (ProcessStats.CpuTime(hostPid), azuritePid is { } pid ? ProcessStats.CpuTime(pid) : null, Process.GetCurrentProcess().TotalProcessorTime);

static CpuUse CpuSince((TimeSpan? Host, TimeSpan? Azurite, TimeSpan Benchmark) before, (TimeSpan? Host, TimeSpan? Azurite, TimeSpan Benchmark) after, TimeSpan wall) =>
    new(wall, after.Host - before.Host, after.Azurite - before.Azurite, after.Benchmark - before.Benchmark);
