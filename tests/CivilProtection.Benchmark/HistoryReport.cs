using System.Globalization;
using System.Text;

namespace CivilProtection.Benchmark;

/// <summary>
/// The history section's figures: each measure on the empty store and on the history, side by side, with the
/// history's p50 and p99 over the empty store's against the target. It reports; it does not gate.
/// </summary>
public sealed class HistoryReport(HistoryBenchmarkOptions options, WrittenHistory written)
{
    /// <summary>Each measure on the history may take at most this many times the empty store's, at p50 and at p99.</summary>
    public const double Target = 1.2;

    private readonly List<string> _lines = [];

    /// <summary>A measure's answers on each store (milliseconds, bytes of the body), and the storage calls per answer when counted.</summary>
    public void Add(string label, List<(double Milliseconds, int Bytes)> empty, List<(double Milliseconds, int Bytes)> history, double? emptyCalls = null, double? historyCalls = null) =>
        Line(label, Latencies.Of(empty.Select(a => a.Milliseconds)), Latencies.Of(history.Select(a => a.Milliseconds)),
            $"{Bytes(empty)} / {Bytes(history)}", emptyCalls is { } e && historyCalls is { } h ? string.Create(CultureInfo.InvariantCulture, $"{e:0.#} / {h:0.#}") : "");

    /// <summary>A measure straight against Azurite: the same call on each store's tables (no answer body).</summary>
    public void Add(string label, List<(double Milliseconds, int Bytes)>[] stores) =>
        Line(label, Latencies.Of(stores[0].Select(a => a.Milliseconds)), Latencies.Of(stores[1].Select(a => a.Milliseconds)), "", "");

    public void AddRouting(string label, RoutingResult empty, RoutingResult history) =>
        Line(label, empty.Latencies, history.Latencies, $"missing {empty.Missing} / {history.Missing}", "");

    private void Line(string label, Latencies empty, Latencies history, string bytes, string calls)
    {
        var p50 = history.P50 / empty.P50;
        var p99 = history.P99 / empty.P99;
        _lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"  {label,-53} {Spread(empty),-24} {Spread(history),-24} {p50,5:0.00}x {p99,5:0.00}x  {(p50 <= Target && p99 <= Target ? "met" : "MISSED"),-6}  {bytes,-19} {calls}").TrimEnd());
    }

    private static string Spread(Latencies l) => $"p50 {SmsBenchmark.Ms(l.P50)} p99 {SmsBenchmark.Ms(l.P99)}";

    // The body's size; when the answers differ in size (pages of different requests), their range.
    private static string Bytes(List<(double Milliseconds, int Bytes)> answers)
    {
        var (least, most) = (answers.Min(a => a.Bytes), answers.Max(a => a.Bytes));
        return least == most ? least.ToString("N0", CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{least:N0}-{most:N0}");
    }

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine(c, $"History — {written.Requests:N0} requests over five years for MA-DGPC, FR-DGSCGC, ES-DGPCE and PT-ANEPC ({DateTime.Now:yyyy-MM-dd HH:mm}, {Environment.ProcessorCount} cores; local hosts over Azurite in memory, not Azure)");
        text.AppendLine(c, $"  written straight into Azurite: {written.Rows:N0} rows in {written.Transactions:N0} transactions of at most 100 rows, {written.Elapsed.TotalSeconds:0} s ({written.Requests / written.Elapsed.TotalSeconds:0} requests/s); {options.Waiting} of them waiting for a decision");
        text.AppendLine(c, $"  each store warmed up first; then {options.Samples} answers of each read and {options.Filings} filings per store, the two stores in turn; target: history <= {Target}x the empty store at p50 and p99");
        text.AppendLine(c, $"  {"",-53} {"empty store",-24} {"history",-24} {"p50",6} {"p99",6}  {"target",-6}  {"bytes empty / hist.",-19} storage calls per answer");
        _lines.ForEach(line => text.AppendLine(line));
        return text.ToString();
    }
}
