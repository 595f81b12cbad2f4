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

    public static CostsBenchmarkOptions Take(ref string[] args) =>
        SectionOptions.Take(ref args, new CostsBenchmarkOptions(Only: false, Filings: 5, DefaultTablePrice, DefaultServiceBusPrice),
            new Dictionary<string, Func<CostsBenchmarkOptions, CostsBenchmarkOptions>> { ["--costs"] = o => o with { Only = true } },
            new Dictionary<string, Func<CostsBenchmarkOptions, string, string, CostsBenchmarkOptions>>
            {
                ["--costs-filings"] = (o, name, value) => o with { Filings = SmsBenchmarkOptions.Positive(name, value) },
                ["--price-table-10k-transactions"] = (o, name, value) => o with { PricePer10kTableTransactions = SmsBenchmarkOptions.PositiveRate(name, value) },
                ["--price-servicebus-million-ops"] = (o, name, value) => o with { PricePerMillionServiceBusOperations = SmsBenchmarkOptions.PositiveRate(name, value) },
            });
}

/// <summary>
/// The storage calls and queue operations one filing causes end to end: a local host with
/// <c>CivilProtection:CountCalls</c> on and SMS through the fake Twilio; each filing alone, from its POST until its
/// notice SMS is reported delivered and the host's counts stop moving. The local host's queues journal in Azurite
/// (<c>LocalQueues</c>): in Azure those calls are the Service Bus operations counted beside them, so the estimate leaves them out.
/// </summary>
public static class CostsBenchmark
{
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
        var idleFrom = await CallCounts.QuietAsync(counter, ct);
        progress($"Costs: the host's own calls over {IdleWindow.TotalSeconds:0} idle seconds (timers)...");
        await Task.Delay(IdleWindow, ct);
        var idle = CallCounts.Difference(idleFrom, await CallCounts.ReadAsync(counter, ct));

        var filings = new List<CallCountsSnapshot>();
        for (var i = 0; i < options.Filings; i++)
        {
            progress($"Costs: filing {i + 1} of {options.Filings}, counted until its notice SMS is delivered and the host is quiet...");
            var before = await CallCounts.QuietAsync(counter, ct);
            await FileUntilDeliveredAsync();
            filings.Add(CallCounts.Difference(before, await CallCounts.QuietAsync(counter, ct)));
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
    }

    private static int QueueOperations(CallCountsSnapshot s) => s.Messages.Values.Sum();

    private static string Format(CostsBenchmarkOptions options, IReadOnlyList<CallCountsSnapshot> filings, CallCountsSnapshot idle)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine(c, $"Costs — storage calls and queue operations of one filing, alone, until its notice SMS is delivered ({filings.Count} filings, local host over Azurite, {DateTime.Now:yyyy-MM-dd HH:mm})");
        text.AppendLine(c, $"  storage calls of each filing (app tables): {string.Join(", ", filings.Select(CallCounts.TableCalls))}   (target <= 12)");
        text.AppendLine(c, $"  queue operations of each filing:           {string.Join(", ", filings.Select(QueueOperations))}   (send + receive + settle)");
        text.AppendLine("  mean per filing, by table and kind:");
        foreach (var table in filings.SelectMany(f => f.Storage.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var kinds = filings.SelectMany(f => f.Storage.GetValueOrDefault(table)?.Keys ?? []).Distinct().Order(StringComparer.Ordinal)
                .Select(kind => string.Create(c, $"{kind} {filings.Average(f => f.Storage.GetValueOrDefault(table)?.GetValueOrDefault(kind) ?? 0):0.#}"));
            var note = table == CallCounts.JournalTable ? "  (the in-process transport's journal: Service Bus in Azure, not priced as tables)" : "";
            text.AppendLine(c, $"    {table,-14} {string.Join(", ", kinds)}{note}");
        }
        var operations = filings.SelectMany(f => f.Messages.Keys).Distinct().Order(StringComparer.Ordinal)
            .Select(op => string.Create(c, $"{op} {filings.Average(f => f.Messages.GetValueOrDefault(op)):0.#}"));
        text.AppendLine(c, $"    {"queues",-14} {string.Join(", ", operations)}");
        var tables = filings.Average(CallCounts.TableCalls);
        var queues = filings.Average(QueueOperations);
        var perThousand = (1000 * tables / 10_000 * options.PricePer10kTableTransactions) + (1000 * queues / 1_000_000 * options.PricePerMillionServiceBusOperations);
        text.AppendLine(c, $"  estimate per 1,000 filings: {1000 * tables:0} table transactions x {options.PricePer10kTableTransactions} USD/10k + {1000 * queues:0} Service Bus operations x {options.PricePerMillionServiceBusOperations} USD/million = {perThousand:0.00000} USD");
        text.AppendLine(c, $"  idle host over {IdleWindow.TotalSeconds:0} s (timers, not in the figures above unless they fell in a filing's window): {CallCounts.TableCalls(idle)} table calls, {idle.Storage.GetValueOrDefault(CallCounts.JournalTable)?.Values.Sum() ?? 0} journal calls, {QueueOperations(idle)} queue operations");
        return text.ToString();
    }
}
