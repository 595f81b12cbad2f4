using System.Globalization;
using System.Text;
using CivilProtection.Testing;

namespace CivilProtection.Benchmark;

/// <summary>What the Functions section does: how many filings, at what pace.</summary>
public sealed record FunctionsBenchmarkOptions(bool Only, int Requests, double Rate, int Lone, TimeSpan Timeout)
{
    public const string Usage = "--functions  --functions-requests N  --functions-rate PER_SECOND  --functions-lone N";

    public static FunctionsBenchmarkOptions Take(ref string[] args)
    {
        // 60 filings at 2/s: half a minute, so they fall at every phase of the 10-second pump tick, three ticks over.
        var options = new FunctionsBenchmarkOptions(Only: false, Requests: 60, Rate: 2, Lone: 12, Timeout: TimeSpan.FromSeconds(90));
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--functions": options = options with { Only = true }; break;
                case "--functions-requests" when i + 1 < args.Length: options = options with { Requests = SmsBenchmarkOptions.Positive(args[i], args[++i]) }; break;
                case "--functions-rate" when i + 1 < args.Length: options = options with { Rate = SmsBenchmarkOptions.PositiveRate(args[i], args[++i]) }; break;
                case "--functions-lone" when i + 1 < args.Length: options = options with { Lone = SmsBenchmarkOptions.Positive(args[i], args[++i]) }; break;
                default: rest.Add(args[i]); break;
            }
        }
        args = [.. rest];
        return options;
    }
}

/// <summary>
/// The Functions app in Azure's shape: under the host double, its timers on their real schedule (the workflow pump
/// every 10 s with an 8 s budget, the outbox sweep every 30 s), SMS through the fake Twilio. Paced filings, each timed
/// from its POST to the first approver's inbox (the item's routedAt) and to its tier-1 notice SMS reaching Twilio.
/// </summary>
public static class FunctionsBenchmark
{
    /// <summary>The goal the figures are read against: p99 under 2 s from filing to inbox and to the notice SMS.</summary>
    public static readonly TimeSpan Goal = TimeSpan.FromSeconds(2);

    private const int WarmUp = 10;

    public static async Task<string> RunAsync(FunctionsBenchmarkOptions options, Action<string> progress, CancellationToken ct)
    {
        await using var twilio = await FakeTwilio.StartAsync();
        var port = Azurite.FreePort();
        progress($"Functions: starting the Functions app under the host double on port {port}, timers on their real schedule...");
        await using var app = await FunctionsAppHost.StartAsync(
            settings: twilio.Settings(new Uri($"http://127.0.0.1:{port}/")),
            frontPort: port,
            configure: o => o with { ScheduleOverrides = new Dictionary<string, string>() },
            cancellationToken: ct);

        var clients = Enumerable.Range(0, 4).Select(_ => app.ClientFor("ma-duty")).ToList();
        using var approver = app.ClientFor("ma-approver");
        try
        {
            // The worker's first calls compile their code: a cold start, not the latency asked about.
            progress($"Functions: warm-up, {WarmUp} filings not counted, and their routing and SMS...");
            var warm = await IntakeBenchmark.RunAsync(clients, WarmUp, options.Rate, ct);
            await RoutingMeasurement.MeasureAsync(approver, warm.Filings, options.Timeout, ct);
            await NoticeSmsAsync(twilio, warm.Filings, options.Timeout, ct);

            progress($"Functions: {options.Requests} filings at {options.Rate:0.##}/s, each timed to ma-approver's inbox and to its notice SMS...");
            var paced = await MeasureAsync((await IntakeBenchmark.RunAsync(clients, options.Requests, options.Rate, ct)).Filings);

            // Filings as they mostly come: alone, after a quiet spell, so no drain or tick is running for them already.
            progress($"Functions: {options.Lone} lone filings, each after 3 to 12 quiet seconds...");
            var pauses = new Random(17);
            var lone = new List<Filing>();
            for (var i = 0; i < options.Lone; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(3 + (pauses.NextDouble() * 9)), ct);
                lone.AddRange((await IntakeBenchmark.RunAsync(clients.Take(1).ToList(), 1, null, ct)).Filings);
            }
            var alone = await MeasureAsync(lone);
            if (app.HostDouble.WorkerHasExited)
            {
                throw new InvalidOperationException($"The Functions app exited during the run:{Environment.NewLine}{app.HostDouble.Log.Recent}");
            }
            return Format(options, paced, alone);

            async Task<Measured> MeasureAsync(IReadOnlyList<Filing> filings) => new(
                filings,
                await RoutingMeasurement.MeasureAsync(approver, filings, options.Timeout, ct),
                await NoticeSmsAsync(twilio, filings, options.Timeout, ct));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    // The notice's SMS links to the request's page, so its id identifies it.
    private static async Task<(Latencies Latencies, int Missing)> NoticeSmsAsync(FakeTwilio twilio, IReadOnlyList<Filing> filings, TimeSpan timeout, CancellationToken ct)
    {
        var filed = filings.Where(f => f.RequestId is not null).ToList();
        var until = DateTime.UtcNow + timeout;
        var reached = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        while (reached.Count < filed.Count && DateTime.UtcNow < until)
        {
            foreach (var message in twilio.Messages)
            {
                foreach (var filing in filed.Where(f => !reached.ContainsKey(f.RequestId!) && message.Body.Contains("/#/requests/" + f.RequestId, StringComparison.Ordinal)))
                {
                    reached[filing.RequestId!] = message.ReceivedAt;
                }
            }
            await Task.Delay(250, ct);
        }
        var latencies = filed.Where(f => reached.ContainsKey(f.RequestId!)).Select(f => (reached[f.RequestId!] - f.SentAt).TotalMilliseconds);
        return (Latencies.Of(latencies), filed.Count - reached.Count);
    }

    private sealed record Measured(IReadOnlyList<Filing> Filings, RoutingResult Routing, (Latencies Latencies, int Missing) Sms);

    private static string Format(FunctionsBenchmarkOptions options, Measured paced, Measured alone)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Functions app under the host double, timers on their real schedule ({WarmUp} filings of warm-up not counted)");
        Section(text, $"{options.Requests} filings paced at {options.Rate:0.##}/s", paced);
        Section(text, $"{options.Lone} lone filings, each after 3-12 quiet seconds", alone);
        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, Measured measured)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"  {title}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    intake (POST answered)    {Line(Latencies.Of(measured.Filings.Where(f => f.Error is null).Select(f => f.Milliseconds)))}  errors {measured.Filings.Count(f => f.Error is not null)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    filing -> first inbox     {Line(measured.Routing.Latencies)}  missing {measured.Routing.Missing}  {Verdict(measured.Routing.Latencies)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    filing -> notice SMS      {Line(measured.Sms.Latencies)}  missing {measured.Sms.Missing}  {Verdict(measured.Sms.Latencies)}");
    }

    private static string Line(Latencies l) =>
        string.Create(CultureInfo.InvariantCulture, $"n {l.Count,4}  p50 {l.P50,7:0} ms  p95 {l.P95,7:0} ms  p99 {l.P99,7:0} ms  max {l.Max,7:0} ms");

    private static string Verdict(Latencies l) => l.Count > 0 && l.P99 < Goal.TotalMilliseconds ? "(goal p99 < 2 s: met)" : "(goal p99 < 2 s: NOT met)";
}
