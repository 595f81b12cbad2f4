using System.Diagnostics;
using Azure.Data.Tables;
using CivilProtection.Infrastructure.Tables;
using CivilProtection.Testing;

namespace CivilProtection.Benchmark;

/// <summary>What the history section does: how many requests it writes (how many still waiting), and how many answers it times.</summary>
public sealed record HistoryBenchmarkOptions(int Requests, int Waiting, int Samples, int Filings)
{
    public const string Usage = "--history N  --history-waiting N  --history-samples N  --history-filings N";

    public bool Only => Requests > 0;

    public static HistoryBenchmarkOptions Take(ref string[] args) =>
        SectionOptions.Take(ref args, new HistoryBenchmarkOptions(Requests: 0, Waiting: 300, Samples: 100, Filings: 50),
            new Dictionary<string, Func<HistoryBenchmarkOptions, HistoryBenchmarkOptions>>(),
            new Dictionary<string, Func<HistoryBenchmarkOptions, string, string, HistoryBenchmarkOptions>>
            {
                ["--history"] = (o, name, value) => o with { Requests = SmsBenchmarkOptions.Positive(name, value) },
                ["--history-waiting"] = (o, name, value) => o with { Waiting = SmsBenchmarkOptions.Positive(name, value) },
                ["--history-samples"] = (o, name, value) => o with { Samples = SmsBenchmarkOptions.Positive(name, value) },
                ["--history-filings"] = (o, name, value) => o with { Filings = SmsBenchmarkOptions.Positive(name, value) },
            });
}

/// <summary>
/// Whether years of history slow anything down: the history written straight into Azurite (<see cref="HistoryWriter"/>),
/// then a local host over it and one over an empty store (in an Azurite of its own), both running, taken in turn answer by answer so the
/// machine's noise falls on both alike: the first page of the list, the inbox, a request's page, a filing, and its
/// routing to the approver's inbox. Beside them, Azurite alone (no host) on the same tables: a query of an empty
/// partition and a point read of a missing row, which say what the emulator's own cost does as its tables grow.
/// </summary>
public static class HistoryBenchmark
{
    private const int WarmUpFilings = 50;
    private const int WarmUpReads = 10;
    private static readonly TimeSpan BetweenFilings = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan RoutingTimeout = TimeSpan.FromSeconds(120);

    public static async Task<string> RunAsync(string localHostDll, string connectionString, HistoryBenchmarkOptions options, Action<string> progress, CancellationToken ct)
    {
        var historyPrefix = Azurite.UniquePrefix();
        progress($"History: writing {options.Requests:N0} requests ({options.Waiting} waiting) over five years straight into Azurite, tables '{historyPrefix}*'...");
        var written = await HistoryWriter.WriteAsync(connectionString, historyPrefix, options.Requests, options.Waiting, progress, ct);
        progress($"History: {written.Rows:N0} rows in {written.Transactions:N0} transactions, {written.Elapsed.TotalSeconds:0} s; starting a local host over it and one over an empty store...");
        var counting = new Dictionary<string, string?> { ["CivilProtection:CountCalls"] = "true" };
        // The empty store in an Azurite of its own: the history's emulator serves one call at a time and collects a heap of
        // a million rows, which would stall the empty store's calls too.
        await using var emptyAzurite = await Azurite.StartOwnAsync();
        var emptyPrefix = Azurite.UniquePrefix();
        await using var emptyHost = await LocalHostProcess.StartAsync(localHostDll, emptyAzurite.ConnectionString, emptyPrefix, counting, port: null, ct);
        await using var historyHost = await LocalHostProcess.StartAsync(localHostDll, connectionString, historyPrefix, counting, port: null, ct);
        using var empty = new Store(emptyHost, emptyAzurite.ConnectionString, emptyPrefix, []);
        var morocco = written.VisibleTo["MA-DGPC"];
        var spread = morocco.Where((_, i) => i % Math.Max(1, morocco.Count / options.Samples) == 0).ToList();
        using var history = new Store(historyHost, connectionString, historyPrefix, spread);
        Store[] stores = [empty, history];

        progress($"History: warm-up on each store, {WarmUpFilings} filings and {WarmUpReads} reads of each kind, not counted...");
        foreach (var store in stores)
        {
            var filings = (await IntakeBenchmark.RunAsync([store.Duty], WarmUpFilings, null, ct)).Filings;
            store.FiledIds.AddRange(filings.Where(f => f.RequestId is not null).Select(f => f.RequestId!));
            await RoutingMeasurement.MeasureAsync(store.Approver, filings, RoutingTimeout, ct);
        }
        var report = new HistoryReport(options, written);
        foreach (var read in Reads)
        {
            await TakeTurnsAsync(stores, WarmUpReads, (store, i) => GetAsync(read.Client(store), read.Path(store, i), ct));
            progress($"History: {read.Label}, {options.Samples} answers from each store in turn...");
            // From when both hosts are quiet (the filings' workflow done), so the calls counted are the reads' and the timers'.
            var before = await Task.WhenAll(stores.Select(s => CallCounts.QuietAsync(s.Counter, ct)));
            var measured = await TakeTurnsAsync(stores, options.Samples, (store, i) => GetAsync(read.Client(store), read.Path(store, i), ct));
            var after = await Task.WhenAll(stores.Select(s => CallCounts.ReadAsync(s.Counter, ct)));
            var calls = before.Zip(after).Select(c => (double)CallCounts.TableCalls(CallCounts.Difference(c.First, c.Second)) / options.Samples).ToList();
            report.Add(read.Label, measured[0], measured[1], calls[0], calls[1]);
        }

        progress($"History: {options.Filings} filings on each store in turn, {BetweenFilings.TotalMilliseconds:0} ms apart, then their routing to ma-approver's inbox...");
        var filed = await TakeTurnsAsync(stores, options.Filings, async (store, _) =>
        {
            var filing = (await IntakeBenchmark.RunAsync([store.Duty], 1, null, ct)).Filings.Single();
            await Task.Delay(BetweenFilings, ct);
            return filing.RequestId is null ? throw new InvalidOperationException($"History: a filing failed: {filing.Error}") : filing;
        });
        report.Add("filing   POST /api/requests", filed[0].Select(f => (f.Milliseconds, f.Bytes)).ToList(), filed[1].Select(f => (f.Milliseconds, f.Bytes)).ToList());
        var routed = new List<RoutingResult>();
        foreach (var (store, filings) in stores.Zip(filed))
        {
            routed.Add(await RoutingMeasurement.MeasureAsync(store.Approver, filings, RoutingTimeout, ct));
        }
        report.AddRouting("routing  filing -> ma-approver's inbox", routed[0], routed[1]);

        progress($"History: Azurite alone, {options.Samples} queries of an empty partition and point reads of a missing row in each store's Indexes...");
        report.Add("Azurite  query of an empty partition (no host)",
            await TakeTurnsAsync(stores, options.Samples, (store, _) => TimedAsync(() => store.QueryEmptyPartitionAsync(ct))));
        report.Add("Azurite  point read of a missing row (no host)",
            await TakeTurnsAsync(stores, options.Samples, (store, _) => TimedAsync(() => store.ReadMissingRowAsync(ct))));
        foreach (var host in new[] { emptyHost, historyHost }.Where(h => h.HasExited))
        {
            throw new InvalidOperationException($"A local host exited during the history section:{Environment.NewLine}{host.RecentOutput}");
        }
        return report.ToString();
    }

    // The reads, each as a person makes it: the duty officer's list (whole, and in progress as the requests page opens
    // it) and a request's page, the approver's inbox.
    private static readonly Read[] Reads =
    [
        new("list     GET /api/requests (first page)", s => s.Duty, (_, _) => "/api/requests"),
        new("list     ?status=<in progress> (the page's default)", s => s.Duty, (_, _) => InProgress),
        new("inbox    GET /api/approvals (first page)", s => s.Approver, (_, _) => "/api/approvals"),
        new("page     GET /api/requests/{id}", s => s.Duty, (s, i) => $"/api/requests/{s.PageIds[i % s.PageIds.Count]}"),
    ];

    // What functions/web/views/requests.js asks for first: every status but closed and cancelled.
    private const string InProgress = "/api/requests?status=pending-approval,returned-for-information,open,approved,dispatched,rejected";

    private sealed record Read(string Label, Func<Store, HttpClient> Client, Func<Store, int, string> Path);

    // Sample i of every store before sample i + 1 of any: a slow spell of the machine weighs on both stores alike.
    private static async Task<List<T>[]> TakeTurnsAsync<T>(Store[] stores, int samples, Func<Store, int, Task<T>> sample)
    {
        var results = stores.Select(_ => new List<T>(samples)).ToArray();
        for (var i = 0; i < samples; i++)
        {
            for (var s = 0; s < stores.Length; s++)
            {
                results[s].Add(await sample(stores[s], i));
            }
        }
        return results;
    }

    private static async Task<(double Milliseconds, int Bytes)> GetAsync(HttpClient client, string path, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(path, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return response.IsSuccessStatusCode ? (milliseconds, body.Length)
            : throw new InvalidOperationException($"History: GET {path} answered {(int)response.StatusCode}.");
    }

    private static async Task<(double Milliseconds, int Bytes)> TimedAsync(Func<Task> call)
    {
        var started = Stopwatch.GetTimestamp();
        await call();
        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0);
    }

    // One store as the benchmark uses it: its host's duty officer and approver, and its tables for Azurite alone.
    private sealed class Store(LocalHostProcess host, string connectionString, string tablePrefix, IReadOnlyList<string> historyIds) : IDisposable
    {
        private readonly TableClient _indexes = new StateTables(new TableServiceClient(connectionString), tablePrefix).Indexes;
        public HttpClient Duty { get; } = host.ClientFor("ma-duty");

        /// <summary>A client of its own for the host's call counts, so reading them does not share the measured connections.</summary>
        public HttpClient Counter { get; } = host.ClientFor("ma-duty");

        public HttpClient Approver { get; } = host.ClientFor("ma-approver");

        /// <summary>Requests filed through the host: the pages read on a store without history.</summary>
        public List<string> FiledIds { get; } = [];

        /// <summary>The requests whose page is read: Morocco's from the history, spread over the years, or else those filed.</summary>
        public IReadOnlyList<string> PageIds => historyIds.Count > 0 ? historyIds : FiledIds;

        public async Task QueryEmptyPartitionAsync(CancellationToken ct)
        {
            await foreach (var _ in _indexes.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"list-NOBODY"}"), maxPerPage: 51, cancellationToken: ct).AsPages())
            {
                break;
            }
        }

        public Task ReadMissingRowAsync(CancellationToken ct) => _indexes.GetEntityIfExistsAsync<TableEntity>("list-NOBODY", "nothing", cancellationToken: ct);

        public void Dispose()
        {
            Counter.Dispose();
            Duty.Dispose();
            Approver.Dispose();
        }
    }
}
