using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using CivilProtection.Infrastructure.Tables;
using CivilProtection.Testing;

namespace CivilProtection.Benchmark;

/// <summary>
/// What the costs section does: how many filings it counts, one at a time, and the unit prices the estimate uses.
/// The default prices are example list prices (USD, pay as you go, as noted on 2026-12-07), not fetched: pass your own.
/// </summary>
public sealed record CostsBenchmarkOptions(bool Only, int Filings, double PricePer10kTableTransactions, double PricePerMillionServiceBusOperations)
{
    public const string Usage = "--costs  --costs-filings N  --price-table-10k-transactions USD  --price-servicebus-million-ops USD";

    /// <summary>Azure Table Storage (Standard, LRS): USD per 10,000 transactions, an example list price noted on 2026-12-07.</summary>
    public const double DefaultTablePrice = 0.00036;

    /// <summary>Azure Service Bus Standard: USD per million operations above the 13 million included a month, an example list price noted on 2026-12-07.</summary>
    public const double DefaultServiceBusPrice = 0.80;

    public static CostsBenchmarkOptions Take(ref string[] args)
    {
        var options = new CostsBenchmarkOptions(Only: false, Filings: 5, DefaultTablePrice, DefaultServiceBusPrice);
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--costs": options = options with { Only = true }; break;
                case "--costs-filings" when i + 1 < args.Length: options = options with { Filings = SmsBenchmarkOptions.Positive(args[i], args[++i]) }; break;
                case "--price-table-10k-transactions" when i + 1 < args.Length: options = options with { PricePer10kTableTransactions = SmsBenchmarkOptions.PositiveRate(args[i], args[++i]) }; break;
                case "--price-servicebus-million-ops" when i + 1 < args.Length: options = options with { PricePerMillionServiceBusOperations = SmsBenchmarkOptions.PositiveRate(args[i], args[++i]) }; break;
                default: rest.Add(args[i]); break;
            }
        }
        args = [.. rest];
        return options;
    }
}

/// <summary>
/// The storage calls and queue operations one filing causes end to end: a local host with
/// <c>CivilProtection:CountCalls</c> on and SMS through the fake Twilio; each filing alone, from its POST until its
/// notice SMS is reported delivered and the host's counts stop moving. The local host's queues journal in Azurite
/// (<c>LocalQueues</c>): in Azure those calls are the Service Bus operations counted beside them, so the estimate leaves them out.
/// </summary>
public static class CostsBenchmark
{
    private const string JournalTable = "LocalQueues";
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(30);

    public static async Task<string> RunAsync(string localHostDll, string connectionString, string tablePrefix, CostsBenchmarkOptions options, Action<string> progress, CancellationToken ct)
    {
        await using var twilio = await FakeTwilio.StartAsync();
        var port = Azurite.FreePort();
        var settings = twilio.Settings(new Uri($"http://127.0.0.1:{port}/"));
        settings["CivilProtection:CountCalls"] = "true";
        progress($"Costs: starting a local host on port {port} counting its calls, SMS to the fake Twilio {twilio.BaseUrl}...");
        await using var host = await LocalHostProcess.StartAsync(localHostDll, connectionString, tablePrefix, settings, port, ct);
        using var counter = host.ClientFor("ma-duty");
        using var duty = host.ClientFor("ma-duty");

        progress("Costs: one filing of warm-up, not counted...");
        await FileUntilDeliveredAsync();
        var idleFrom = await QuietCountsAsync();
        progress($"Costs: the host's own calls over {IdleWindow.TotalSeconds:0} idle seconds (timers)...");
        await Task.Delay(IdleWindow, ct);
        var idle = Difference(idleFrom, await CountsAsync());

        var filings = new List<CallCountsSnapshot>();
        for (var i = 0; i < options.Filings; i++)
        {
            progress($"Costs: filing {i + 1} of {options.Filings}, counted until its notice SMS is delivered and the host is quiet...");
            var before = await QuietCountsAsync();
            await FileUntilDeliveredAsync();
            filings.Add(Difference(before, await QuietCountsAsync()));
        }
        if (host.HasExited)
        {
            throw new InvalidOperationException($"The local host exited during the costs section:{Environment.NewLine}{host.RecentOutput}");
        }
        return Format(options, filings, idle);

        async Task FileUntilDeliveredAsync()
        {
            var filing = (await IntakeBenchmark.RunAsync([duty], 1, null, ct)).Filings.Single();
            var id = filing.RequestId ?? throw new InvalidOperationException($"The filing failed: {filing.Error}");
            FakeTwilioMessage? Notice() => twilio.Messages.FirstOrDefault(m => m.Body.Contains("/#/requests/" + id, StringComparison.Ordinal));
            await Eventually.TrueAsync(() => Notice() is not null, $"the notice SMS of request {id} at the fake Twilio", TimeSpan.FromSeconds(60));
            using var delivered = await twilio.ReportStatusAsync(Notice()!, "delivered");
            delivered.EnsureSuccessStatusCode();
        }

        Task<CallCountsSnapshot> CountsAsync() => counter.GetFromJsonAsync<CallCountsSnapshot>("/api/dev/call-counts", ct)!;

        // The counts once they stayed the same for a while: the last change's background work is done.
        async Task<CallCountsSnapshot> QuietCountsAsync()
        {
            var last = await CountsAsync();
            var since = DateTime.UtcNow;
            while (DateTime.UtcNow - since < Quiet)
            {
                await Task.Delay(250, ct);
                var now = await CountsAsync();
                if (Total(now) != Total(last))
                {
                    (last, since) = (now, DateTime.UtcNow);
                }
            }
            return last;
        }
    }

    private static int Total(CallCountsSnapshot s) => s.Storage.Values.Sum(t => t.Values.Sum()) + s.Messages.Values.Sum();

    private static CallCountsSnapshot Difference(CallCountsSnapshot before, CallCountsSnapshot after) => new(
        after.Storage.ToDictionary(t => t.Key, t => (IReadOnlyDictionary<string, int>)t.Value
            .ToDictionary(k => k.Key, k => k.Value - (before.Storage.TryGetValue(t.Key, out var b) && b.TryGetValue(k.Key, out var n) ? n : 0))
            .Where(k => k.Value != 0).ToDictionary(), StringComparer.Ordinal)
            .Where(t => t.Value.Count > 0).ToDictionary(StringComparer.Ordinal),
        after.Messages.ToDictionary(m => m.Key, m => m.Value - before.Messages.GetValueOrDefault(m.Key)).Where(m => m.Value != 0).ToDictionary());

    private static int TableCalls(CallCountsSnapshot s) => s.Storage.Where(t => t.Key is not JournalTable and not "Tables").Sum(t => t.Value.Values.Sum());

    private static int QueueOperations(CallCountsSnapshot s) => s.Messages.Values.Sum();

    private static string Format(CostsBenchmarkOptions options, IReadOnlyList<CallCountsSnapshot> filings, CallCountsSnapshot idle)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine(c, $"Costs — storage calls and queue operations of one filing, alone, until its notice SMS is delivered ({filings.Count} filings, local host over Azurite, {DateTime.Now:yyyy-MM-dd HH:mm})");
        text.AppendLine(c, $"  storage calls of each filing (app tables): {string.Join(", ", filings.Select(TableCalls))}   (target <= 12)");
        text.AppendLine(c, $"  queue operations of each filing:           {string.Join(", ", filings.Select(QueueOperations))}   (send + receive + settle)");
        text.AppendLine("  mean per filing, by table and kind:");
        foreach (var table in filings.SelectMany(f => f.Storage.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var kinds = filings.SelectMany(f => f.Storage.GetValueOrDefault(table)?.Keys ?? []).Distinct().Order(StringComparer.Ordinal)
                .Select(kind => string.Create(c, $"{kind} {filings.Average(f => f.Storage.GetValueOrDefault(table)?.GetValueOrDefault(kind) ?? 0):0.#}"));
            var note = table == JournalTable ? "  (the in-process transport's journal: Service Bus in Azure, not priced as tables)" : "";
            text.AppendLine(c, $"    {table,-14} {string.Join(", ", kinds)}{note}");
        }
        var operations = filings.SelectMany(f => f.Messages.Keys).Distinct().Order(StringComparer.Ordinal)
            .Select(op => string.Create(c, $"{op} {filings.Average(f => f.Messages.GetValueOrDefault(op)):0.#}"));
        text.AppendLine(c, $"    {"queues",-14} {string.Join(", ", operations)}");
        var tables = filings.Average(TableCalls);
        var queues = filings.Average(QueueOperations);
        var perThousand = (1000 * tables / 10_000 * options.PricePer10kTableTransactions) + (1000 * queues / 1_000_000 * options.PricePerMillionServiceBusOperations);
        text.AppendLine(c, $"  estimate per 1,000 filings: {1000 * tables:0} table transactions x {options.PricePer10kTableTransactions} USD/10k + {1000 * queues:0} Service Bus operations x {options.PricePerMillionServiceBusOperations} USD/million = {perThousand:0.00000} USD");
        text.AppendLine(c, $"  idle host over {IdleWindow.TotalSeconds:0} s (timers, not in the figures above unless they fell in a filing's window): {TableCalls(idle)} table calls, {idle.Storage.GetValueOrDefault(JournalTable)?.Values.Sum() ?? 0} journal calls, {QueueOperations(idle)} queue operations");
        return text.ToString();
    }
}
