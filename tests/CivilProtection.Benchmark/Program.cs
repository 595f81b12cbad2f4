using System.Diagnostics;
using System.Runtime.InteropServices;
using CivilProtection.Benchmark;
using CivilProtection.Testing;

// Times filing and routing end to end: the floor (bare inserts into Azurite), the intake over HTTP, the routing
// to the first approver's inbox, and the local host's memory. Exit code 1 only when the benchmark itself broke.
if (Array.IndexOf(args, "--write-row-fixtures") is var at and >= 0 && at + 1 < args.Length && args[at + 1] is var fixtureDirectory)
{
    // Not a measurement: the rows today's code writes, for the upgrade test of a later version (docs/deploy.md).
    await RowFixtureStory.WriteAsync(fixtureDirectory, CancellationToken.None);
    Console.WriteLine($"Row fixtures written to {fixtureDirectory}.");
    return 0;
}

BenchmarkOptions options;
TransportThroughputOptions transportOptions;
SmsBenchmarkOptions smsOptions;
FunctionsBenchmarkOptions functionsOptions;
CostsBenchmarkOptions costsOptions;
HistoryBenchmarkOptions historyOptions;
TimeSpan? storeLatency;
try
{
    storeLatency = StoreLatencyProxy.TakeLatency(ref args);
    transportOptions = TransportThroughputOptions.Take(ref args);
    functionsOptions = FunctionsBenchmarkOptions.Take(ref args);
    costsOptions = CostsBenchmarkOptions.Take(ref args);
    historyOptions = HistoryBenchmarkOptions.Take(ref args);
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
    // With --store-latency the app and the floor reach Azurite through the proxy; the functions section keeps its own.
    await using var proxy = storeLatency is { } latency ? await StoreLatencyProxy.StartAsync(azurite, latency, ct) : null;
    var store = proxy?.ConnectionString ?? azurite.ConnectionString;
    if (functionsOptions.Only)
    {
        // The Functions app under the host double, as Azure runs it: no local host, no floor.
        Console.Write(await FunctionsBenchmark.RunAsync(functionsOptions, Progress, ct));
        return 0;
    }
    if (smsOptions.DeploymentsOnly)
    {
        Console.Write(await DeploymentBenchmark.RunAsync(options.LocalHostPath, store, Azurite.UniquePrefix(), smsOptions.Rate, Progress, ct));
        return 0;
    }
    if (costsOptions.Only)
    {
        // Storage calls and queue operations of one filing, counted by a local host of its own.
        Console.Write(await CostsBenchmark.RunAsync(options.LocalHostPath, store, Azurite.UniquePrefix(), costsOptions, Progress, ct));
        return 0;
    }
    if (historyOptions.Only)
    {
        // Years of requests written straight into Azurite, then the same answers timed over them and over an empty store.
        Console.Write(await HistoryBenchmark.RunAsync(options.LocalHostPath, azurite.ConnectionString, historyOptions, Progress, ct));
        return 0;
    }
    if (smsOptions.Only)
    {
        // SMS through the fake Twilio: a local host of its own over Azurite; no floor, no intake.
        Console.Write(await SmsBenchmark.RunAsync(options.LocalHostPath, store, Azurite.UniquePrefix(), smsOptions, Progress, ct));
        return 0;
    }
    var prefix = Azurite.UniquePrefix();
    Progress($"Starting the local host ({options.LocalHostPath}) over Azurite at {azurite.TableEndpoint}, tables '{prefix}*'...");
    await using var host = await LocalHostProcess.StartAsync(options.LocalHostPath, store, prefix, ct);
    Progress($"Local host {host.BaseAddress} (pid {host.Pid}) is ready.");

    var duty = Enumerable.Range(0, options.Clients).Select(_ => host.ClientFor("ma-duty")).ToList();
    using var approver = host.ClientFor("ma-approver");
    try
    {
        if (options.Warmup > 0)
        {
            Progress($"Warm-up: {options.Warmup} filings, not counted, and their routing...");
            var warmup = await IntakeBenchmark.RunAsync(duty, options.Warmup, null, ct);
            ReportErrors("warm-up", warmup.Filings);
            // The measured filing starts once the warm-up's routing is done, so it does not pay for it.
            await RoutingMeasurement.MeasureAsync(approver, warmup.Filings, options.RoutingTimeout, ct);
        }

        // Paced first: the saturated run leaves background work (paging, SMS) behind it that would weigh on the paced one.
        var reports = new List<Report>();
        if (options.PacedRate > 0)
        {
            reports.Add(await RunLoadAsync(options.PacedRate, options.PacedRequests, options.PacedRequests));
        }
        reports.Add(await RunLoadAsync(null, options.FloorInserts, options.Requests));
        if (host.HasExited)
        {
            Console.Error.WriteLine($"The local host exited during the run:{Environment.NewLine}{host.RecentOutput}");
            return 1;
        }
        Console.WriteLine();
        Console.WriteLine(Report.Heading(options));
        if (proxy is not null)
        {
            Console.WriteLine(proxy.Description);
        }
        reports.ForEach(Console.Write);
        Console.WriteLine(Report.Memory(ProcessStats.PeakResidentBytes(host.Pid)));
        Progress($"Transport: {transportOptions.Warmup} + {transportOptions.Messages} messages through each transport...");
        Console.Write(await TransportThroughput.RunAsync(transportOptions, ct));
        if (!smsOptions.Skip)
        {
            Console.Write(await SmsBenchmark.RunAsync(options.LocalHostPath, store, Azurite.UniquePrefix(), smsOptions, Progress, ct));
        }
        return reports.Any(r => r.Broke) ? 1 : 0;

        // The floor, then the filings under the same load (saturated when perSecond is null), then their routing.
        async Task<Report> RunLoadAsync(double? perSecond, int floorInserts, int requests)
        {
            var load = perSecond is { } r ? $"paced at {r:0.#}/s" : "saturated";
            // The floor is a bare insert into an idle Azurite: the last load's paging and SMS must be done first.
            Progress("Waiting until the local host and Azurite are idle (the last filings' background done)...");
            if (!await ProcessStats.WaitUntilQuietAsync([host.Pid, .. options.AzuritePid is { } az ? [az] : Array.Empty<int>()], 0.05, TimeSpan.FromMinutes(2), ct))
            {
                Progress("They stayed busy for 2 minutes; measuring anyway.");
            }
            Progress($"Floor ({load}): {options.Warmup} + {floorInserts} single-entity inserts from {options.Clients} clients...");
            var floor = await FloorBenchmark.RunAsync(store, prefix + "Floor", options.Clients, floorInserts, options.Warmup, perSecond, ct);
            Progress($"Commit ({load}): {options.Warmup} + {requests} filing transactions straight into Azurite from {options.Clients} clients...");
            var commit = await CommitBenchmark.RunAsync(store, prefix + "Commit", options.Clients, requests, options.Warmup, perSecond, ct);

            Progress($"Hop ({load}): {options.Warmup} + {requests} GET /api/health from {options.Clients} clients...");
            var hop = await HopBenchmark.RunAsync(duty, requests, options.Warmup, perSecond, ct);

            Progress($"Intake ({load}): {requests} filings from {options.Clients} clients...");
            var cpuBefore = CpuNow(host.Pid, options.AzuritePid);
            var wall = Stopwatch.StartNew();
            var intake = await IntakeBenchmark.RunAsync(duty, requests, perSecond, ct);
            var cpu = CpuSince(cpuBefore, CpuNow(host.Pid, options.AzuritePid), wall.Elapsed);
            ReportErrors("intake", intake.Filings);

            Progress($"Routing ({load}): waiting up to {options.RoutingTimeout.TotalSeconds:0} s for every item in ma-approver's inbox...");
            var routing = await RoutingMeasurement.MeasureAsync(approver, intake.Filings, options.RoutingTimeout, ct);
            if (options.RawPath is not null)
            {
                var path = perSecond is null ? options.RawPath : Path.ChangeExtension(options.RawPath, ".paced.csv");
                await RawFigures.WriteAsync(path, intake.Filings, routing, ct);
                Progress($"Raw figures of each filing: {path}");
            }
            return new Report(options, perSecond, floor, commit, hop, intake.Phase, routing, cpu);
        }
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
