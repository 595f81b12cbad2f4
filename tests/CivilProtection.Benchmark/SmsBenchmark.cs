using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CivilProtection.Testing;

namespace CivilProtection.Benchmark;

/// <summary>What the SMS section does: filings timed to their notice SMS, and responders dispatched at a limited rate.</summary>
public sealed record SmsBenchmarkOptions(bool Only, bool Skip, int Requests, int Clients, int Responders, double Rate, TimeSpan Timeout)
{
    public const string Usage = "--sms-only  --deployments-only  --no-sms  --sms-requests N  --sms-clients N  --sms-filing-rate PER_SECOND|max  --sms-responders N  --sms-rate PER_SECOND  --sms-pacing PER_SECOND|off  --sms-timeout SECONDS";

    /// <summary>
    /// Filings due per second in the notices part, each paging one person; null files as fast as answers come back.
    /// By default half the allowed SMS rate: a load the account can carry, so the latency is the system's, not a queue's.
    /// </summary>
    public double? FilingRate { get; init; } = 5;

    /// <summary>The local host's <c>CivilProtection:Twilio:MessagesPerSecond</c> when given (<c>--sms-pacing</c>).</summary>
    public double? PacingSet { get; init; }

    /// <summary><c>--sms-pacing off</c>: the local host does not pace its sends.</summary>
    public bool Unpaced { get; init; }

    /// <summary>
    /// What the local host's sends are paced to: by default the rate the fake allows, as an operator sets their
    /// account's rate; null for no pacing.
    /// </summary>
    public double? Pacing => Unpaced ? null : PacingSet ?? Rate;

    /// <summary><c>--deployments-only</c>: only the section of 50 deployments reporting by SMS (<see cref="DeploymentBenchmark"/>).</summary>
    public bool DeploymentsOnly { get; init; }

    /// <summary>Dispatch answers may hold at most this many offers in one call before the benchmark splits them.</summary>
    public const int BatchSize = 200;

    /// <summary>The API's body limit (<c>JsonBody.MaxBytes</c>).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static SmsBenchmarkOptions Take(ref string[] args)
    {
        var options = new SmsBenchmarkOptions(Only: false, Skip: false, Requests: 200, Clients: 4, Responders: 500, Rate: 10, Timeout: TimeSpan.FromSeconds(180));
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--sms-only": options = options with { Only = true }; break;
                case "--deployments-only": options = options with { DeploymentsOnly = true }; break;
                case "--no-sms": options = options with { Skip = true }; break;
                case "--sms-requests" when i + 1 < args.Length: options = options with { Requests = Positive(args[i], args[++i]) }; break;
                case "--sms-clients" when i + 1 < args.Length: options = options with { Clients = Positive(args[i], args[++i]) }; break;
                case "--sms-responders" when i + 1 < args.Length: options = options with { Responders = Math.Min(Positive(args[i], args[++i]), 9999) }; break;
                case "--sms-filing-rate" when i + 1 < args.Length && args[i + 1] == "max": i++; options = options with { FilingRate = null }; break;
                case "--sms-filing-rate" when i + 1 < args.Length: options = options with { FilingRate = PositiveRate(args[i], args[++i]) }; break;
                case "--sms-rate" when i + 1 < args.Length: options = options with { Rate = PositiveRate(args[i], args[++i]) }; break;
                case "--sms-pacing" when i + 1 < args.Length && args[i + 1] == "off": i++; options = options with { Unpaced = true, PacingSet = null }; break;
                case "--sms-pacing" when i + 1 < args.Length: options = options with { PacingSet = PositiveRate(args[i], args[++i]), Unpaced = false }; break;
                case "--sms-timeout" when i + 1 < args.Length: options = options with { Timeout = TimeSpan.FromSeconds(Positive(args[i], args[++i])) }; break;
                default: rest.Add(args[i]); break;
            }
        }
        args = [.. rest];
        return options;
    }

    /// <summary>A whole number above 0 for the option <paramref name="name"/>; the other sections' options read theirs with it too.</summary>
    internal static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} takes a whole number above 0, not '{value}'.");

    internal static double PositiveRate(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} takes a number above 0, not '{value}'.");
}

/// <summary>
/// SMS through Twilio's REST API (the fake on loopback): (1) a dispatch of many responders with Twilio limiting the rate:
/// the rate achieved against the rate allowed, duplicates, losses, 429s; (2) filings timed from the POST's answer (the
/// stage opened at commit) to the tier-1 notice SMS reaching Twilio. The dispatch runs first, so the filings' notices,
/// escalating after their deadline, cannot eat its rate.
/// </summary>
public static class SmsBenchmark
{
    private const string Skill = "high-capacity-pumping";
    private const int PagesDuringDispatch = 10;
    private static readonly TimeSpan PageEvery = TimeSpan.FromSeconds(2);
    private const string PacingSetting = "CivilProtection:Twilio:MessagesPerSecond";

    public static async Task<string> RunAsync(string localHostDll, string connectionString, string tablePrefix, SmsBenchmarkOptions options, Action<string> progress, CancellationToken ct)
    {
        await using var twilio = await FakeTwilio.StartAsync();
        var port = Azurite.FreePort();
        var settings = twilio.Settings(new Uri($"http://127.0.0.1:{port}/"));
        if (options.Pacing is { } pacing)
        {
            settings[PacingSetting] = pacing.ToString(CultureInfo.InvariantCulture);
        }
        progress($"SMS: starting a local host on port {port} pointed at the fake Twilio {twilio.BaseUrl}...");
        await using var host = await LocalHostProcess.StartAsync(localHostDll, connectionString, tablePrefix, settings, port, ct);

        progress($"SMS dispatch: {options.Responders} responders of FR-DGSCGC with {Skill}...");
        var dispatch = await DispatchAsync(host, twilio, options, progress, ct);
        twilio.RateLimitPerSecond = null;

        progress($"SMS notices: {options.Requests} filings from {options.Clients} clients, each timed to its tier-1 notice SMS...");
        var notices = await NoticesAsync(host, twilio, options, ct);

        if (host.HasExited)
        {
            throw new InvalidOperationException($"The local host exited during the SMS section:{Environment.NewLine}{host.RecentOutput}");
        }
        var escalation = await SmsEscalationBenchmark.RunAsync(localHostDll, connectionString, Azurite.UniquePrefix(), progress, ct);
        var multilateral = await MultilateralBenchmark.RunAsync(localHostDll, connectionString, Azurite.UniquePrefix(), progress, ct);
        var deployments = await DeploymentBenchmark.RunAsync(localHostDll, connectionString, Azurite.UniquePrefix(), options.Rate, progress, ct);
        return Format(options, notices, dispatch, twilio.Violations) + escalation + multilateral + deployments;
    }

    // ---- (1) dispatch at a limited rate ----

    private static async Task<DispatchResult> DispatchAsync(LocalHostProcess host, FakeTwilio twilio, SmsBenchmarkOptions options, Action<string> progress, CancellationToken ct)
    {
        var n = options.Responders;
        // +33 6 13 00 xx xx: a French mobile (06, 613 range) as libphonenumber knows them, distinct for each responder.
        var responders = Enumerable.Range(1, n).Select(i => (Id: $"bench-resp-{i:D4}", Mobile: $"+3361300{i:D4}")).ToList();
        var coordinators = Enumerable.Range(0, options.Clients).Select(_ => host.ClientFor("fr-coordinator")).ToList();
        try
        {
            var next = -1;
            await Task.WhenAll(coordinators.Select(client => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < n)
                {
                    var (id, mobile) = responders[i];
                    var person = new JsonObject
                    {
                        ["name"] = $"Renfort Pompage {i + 1}", ["mobile"] = mobile, ["language"] = "fr",
                        ["roles"] = new JsonArray("responder"), ["skills"] = new JsonArray(Skill),
                    };
                    using var response = await client.PutAsJsonAsync($"/api/people/{id}", person, ct);
                    await ExpectAsync(response, HttpStatusCode.OK, $"PUT /api/people/{id}", ct);
                }
            }, ct)));

            using var duty = host.ClientFor("ma-duty");
            var form = RequestSamples.Flood();
            form["capabilities"] = new JsonArray(new JsonObject { ["code"] = Skill, ["quantity"] = n });
            var (id, reference) = await FileAsync(duty, form, ct);
            progress($"SMS dispatch: request {reference} filed; approving both stages...");
            using (var maApprover = host.ClientFor("ma-approver"))
            {
                await DecideAsync(maApprover, id, ct);
            }
            using (var frApprover = host.ClientFor("fr-approver"))
            {
                await DecideAsync(frApprover, id, ct);
            }
            // The operations desk's page (and the stages' pages, unless withdrawn because both were decided before they went
            // out) go out unlimited, before the limit is set: wait until they stop coming, two quiet seconds.
            var settle = Stopwatch.StartNew();
            var (seen, quietSince) = (0, Stopwatch.StartNew());
            while (settle.Elapsed < TimeSpan.FromSeconds(60) && (seen == 0 || quietSince.Elapsed < TimeSpan.FromSeconds(2)))
            {
                var now = twilio.Messages.Count(m => Mentions(m.Body, reference));
                if (now != seen)
                {
                    (seen, quietSince) = (now, Stopwatch.StartNew());
                }
                await Task.Delay(200, ct);
            }

            twilio.RateLimitPerSecond = options.Rate;
            var rateLimitedBefore = twilio.RateLimitedCount;
            var mobiles = responders.Select(r => r.Mobile).ToHashSet(StringComparer.Ordinal);
            var offers = responders.Select(r => (JsonNode)new JsonObject { ["personId"] = r.Id, ["capability"] = Skill }).ToList();
            var reportAt = DateTimeOffset.UtcNow.AddHours(3).ToString("O", CultureInfo.InvariantCulture);
            string Body(IEnumerable<JsonNode> batch) => new JsonObject
            {
                ["meetingPoint"] = "Base de sécurité civile de Nîmes-Garons", ["reportAt"] = reportAt,
                ["offers"] = new JsonArray([.. batch]),
            }.ToJsonString();
            var whole = Body(offers.Select(o => o.DeepClone()));
            var wholeBytes = Encoding.UTF8.GetByteCount(whole);
            var bodies = wholeBytes <= SmsBenchmarkOptions.MaxBodyBytes
                ? [whole]
                : offers.Chunk(SmsBenchmarkOptions.BatchSize).Select(b => Body(b.Select(o => o.DeepClone()))).ToList();
            progress($"SMS dispatch: {n} offers in {bodies.Count} POST(s) (whole body {wholeBytes} bytes, limit {SmsBenchmarkOptions.MaxBodyBytes}); Twilio allows {options.Rate:0.##}/s...");

            using var coordinator = host.ClientFor("fr-coordinator");
            coordinator.Timeout = TimeSpan.FromMinutes(5);
            var postedAt = DateTimeOffset.UtcNow;
            var posted = Stopwatch.StartNew();
            foreach (var body in bodies)
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await coordinator.PostAsync($"/api/requests/{id}/dispatch", content, ct);
                await ExpectAsync(response, HttpStatusCode.OK, "POST dispatch", ct);
            }
            var postSeconds = posted.Elapsed.TotalSeconds;
            // While the offers go out, on-call approvers must still be paged at once: a few filings, each timed to its notice.
            var pagesDuring = PagesDuringAsync(host, twilio, ct);

            var timeout = options.Timeout + TimeSpan.FromSeconds(n / options.Rate * 2);
            progress($"SMS dispatch: answered in {postSeconds:0.0} s; waiting up to {timeout.TotalSeconds:0} s for every offer SMS...");
            List<FakeTwilioMessage> Offered() => twilio.Messages.Where(m => mobiles.Contains(m.To) && Mentions(m.Body, reference)).ToList();
            var waited = Stopwatch.StartNew();
            var lastReport = TimeSpan.Zero;
            while (Offered().Select(m => m.To).Distinct().Count() < n && waited.Elapsed < timeout)
            {
                if (waited.Elapsed - lastReport > TimeSpan.FromSeconds(15))
                {
                    lastReport = waited.Elapsed;
                    progress($"SMS dispatch: {Offered().Select(m => m.To).Distinct().Count()}/{n} offers at Twilio, {twilio.RateLimitedCount - rateLimitedBefore} answered 429...");
                }
                await Task.Delay(250, ct);
            }
            // A moment more, for a late second copy of any of them to show.
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
            var sent = Offered();
            var reached = sent.Select(m => m.To).Distinct(StringComparer.Ordinal).Count();
            var times = sent.Select(m => m.ReceivedAt).Order().ToList();
            var span = times.Count > 1 ? (times[^1] - times[0]).TotalSeconds : double.NaN;
            var fromPost = times.Count > 0 ? (times[^1] - postedAt).TotalSeconds : double.NaN;
            var pages = await pagesDuring;
            // Twilio's rate counts segments: between the first send and the last, all but the last one's segments went out.
            var ordered = sent.OrderBy(m => m.ReceivedAt).ToList();
            var segments = ordered.Sum(m => Segments(m.Body));
            var segmentsInSpan = ordered.Count > 1 ? segments - Segments(ordered[^1].Body) : 0;
            return new DispatchResult(n, bodies.Count, wholeBytes, postSeconds, sent.Count, reached, n - reached,
                sent.Count - reached, twilio.Duplicates, twilio.RateLimitedCount - rateLimitedBefore, span, fromPost, options.Rate, pages, segments, segmentsInSpan);
        }
        finally
        {
            coordinators.ForEach(c => c.Dispose());
        }
    }

    // ---- (2) stage opening -> notice SMS at Twilio ----

    private static async Task<NoticeResult> NoticesAsync(LocalHostProcess host, FakeTwilio twilio, SmsBenchmarkOptions options, CancellationToken ct)
    {
        var clients = Enumerable.Range(0, options.Clients).Select(_ => host.ClientFor("ma-duty")).ToList();
        try
        {
            var body = RequestSamples.Flood().ToJsonString();
            var filed = new (string? Reference, DateTimeOffset ReturnedAt, string? Error)[options.Requests];
            var schedule = new Schedule(options.FilingRate);
            var filingFrom = DateTimeOffset.UtcNow;
            await Task.WhenAll(clients.Select(client => Task.Run(async () =>
            {
                while (await schedule.NextAsync(options.Requests, ct) is (true, var i, _))
                {
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    try
                    {
                        using var response = await client.PostAsync("/api/requests", content, ct);
                        var returnedAt = DateTimeOffset.UtcNow;
                        var view = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
                        filed[i] = response.StatusCode == HttpStatusCode.Created
                            ? ((string?)view?["reference"], returnedAt, null)
                            : (null, returnedAt, $"{(int)response.StatusCode}");
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
                    {
                        filed[i] = (null, DateTimeOffset.UtcNow, ex.GetType().Name);
                    }
                }
            }, ct)));

            var pending = filed.Where(f => f.Reference is not null).ToDictionary(f => f.Reference!, f => f.ReturnedAt, StringComparer.Ordinal);
            var (latencies, missing) = await TimeToNoticeAsync(twilio, pending, options.Timeout, ct);
            var filingSeconds = (filed.Max(f => f.ReturnedAt) - filingFrom).TotalSeconds;
            return new NoticeResult(options.Requests, filed.Count(f => f.Error is not null), latencies, missing, filingSeconds);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    // Files one request every PageEvery, PagesDuringDispatch in all, and times each to its tier-1 notice SMS at Twilio.
    private static async Task<NoticeResult> PagesDuringAsync(LocalHostProcess host, FakeTwilio twilio, CancellationToken ct)
    {
        using var duty = host.ClientFor("ma-duty");
        var filed = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var started = DateTimeOffset.UtcNow;
        for (var i = 0; i < PagesDuringDispatch; i++)
        {
            await Task.Delay(PageEvery, ct);
            var (_, reference) = await FileAsync(duty, RequestSamples.Flood(), ct);
            filed[reference] = DateTimeOffset.UtcNow;
        }
        var (latencies, missing) = await TimeToNoticeAsync(twilio, filed, TimeSpan.FromSeconds(120), ct);
        return new NoticeResult(PagesDuringDispatch, 0, latencies, missing, (DateTimeOffset.UtcNow - started).TotalSeconds);
    }

    /// <summary>
    /// Waits for the first SMS at Twilio naming each filed reference and times it from when its filing was answered;
    /// returns those latencies and how many references got none within <paramref name="timeout"/>.
    /// </summary>
    private static async Task<(Latencies Latencies, int Missing)> TimeToNoticeAsync(
        FakeTwilio twilio, Dictionary<string, DateTimeOffset> filedAt, TimeSpan timeout, CancellationToken ct)
    {
        var pending = new Dictionary<string, DateTimeOffset>(filedAt, StringComparer.Ordinal);
        var latencies = new List<double>();
        var until = DateTime.UtcNow + timeout;
        var seen = 0;
        while (pending.Count > 0 && DateTime.UtcNow < until)
        {
            var messages = twilio.Messages;
            foreach (var message in messages.Skip(seen))
            {
                foreach (var reference in pending.Keys.Where(r => Mentions(message.Body, r)).ToList())
                {
                    latencies.Add((message.ReceivedAt - pending[reference]).TotalMilliseconds);
                    pending.Remove(reference);
                }
            }
            seen = messages.Count;
            if (pending.Count > 0)
            {
                await Task.Delay(250, ct);
            }
        }
        return (Latencies.Of(latencies), pending.Count);
    }

    // ---- helpers ----

    internal static bool Mentions(string body, string reference)
    {
        var at = body.IndexOf(reference, StringComparison.Ordinal);
        // Not a longer reference that starts with this one.
        return at >= 0 && (at + reference.Length == body.Length || !char.IsAsciiLetterOrDigit(body[at + reference.Length]));
    }

    internal static async Task<(string Id, string Reference)> FileAsync(HttpClient client, JsonObject form, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync("/api/requests", form, ct);
        await ExpectAsync(response, HttpStatusCode.Created, "POST /api/requests", ct);
        var view = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        return ((string)view["id"]!, (string)view["reference"]!);
    }

    // The stage reaches the approver through the queue: retried until the decision is taken.
    internal static async Task DecideAsync(HttpClient approver, string id, CancellationToken ct)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            using var response = await approver.PostAsJsonAsync($"/api/requests/{id}/decisions", new JsonObject { ["decision"] = "approve" }, ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
            if (DateTime.UtcNow > until)
            {
                await ExpectAsync(response, HttpStatusCode.OK, $"POST /api/requests/{id}/decisions", ct);
            }
            await Task.Delay(250, ct);
        }
    }

    internal static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken ct)
    {
        if (response.StatusCode != expected)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}, not {(int)expected}: {(text.Length > 400 ? text[..400] + "…" : text)}");
        }
    }

    private static string Format(SmsBenchmarkOptions options, NoticeResult notices, DispatchResult d, IReadOnlyList<string> violations)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var share = d.SegmentsInSpan / d.SpanSeconds / d.AllowedRate;
        var pacing = options.Pacing is { } paced ? string.Create(c, $"{PacingSetting}={paced:0.##}") : $"{PacingSetting} unset (no pacing)";
        text.AppendLine(c, $"sms     through Twilio's REST API (the fake on loopback): {options.Requests} filings from {options.Clients} clients; dispatch of {d.Responders} responders at {d.AllowedRate:0.##}/s allowed; local host {pacing}");
        // One notice SMS per filing: filed faster than the pacing, the notices queue behind it.
        var filingRate = notices.Filed / notices.FilingSeconds;
        var queued = options.Pacing is { } rate && filingRate > rate ? string.Create(c, $", more than the {rate:0.##}/s pacing: notices queue") : "";
        text.AppendLine(c, $"  stage opened (POST answered) -> tier-1 notice SMS at Twilio: {Spread(notices.Latencies)}  max {Ms(notices.Latencies.Max)}   errors {notices.Errors}   missing {notices.Missing}   (filed at {filingRate:0.#}/s{queued})");
        text.AppendLine(c, $"  dispatch POST: {d.Posts} call(s), body {d.BodyBytes / 1024.0:0.0} KiB (limit {SmsBenchmarkOptions.MaxBodyBytes / 1024} KiB), answered in {d.PostSeconds:0.0} s");
        text.AppendLine(c, $"  achieved rate: {d.Accepted} offers accepted, {d.Segments} segments, over {d.SpanSeconds:0.0} s first->last = {d.SegmentsInSpan / d.SpanSeconds:0.00} segments/s ({d.Accepted / d.SpanSeconds:0.00} offers/s) = {share:P0} of {d.AllowedRate:0.##} segments/s allowed  (target >= 95%)  {Mark(share >= 0.95)}   last offer {d.SecondsFromPost:0.0} s after the POST was sent");
        text.AppendLine(c, $"  duplicates: {d.ExtraCopies} extra offer SMS to the same number (fake's Duplicates {d.FakeDuplicates})  (target 0)  {Mark(d.ExtraCopies == 0 && d.FakeDuplicates == 0)}");
        text.AppendLine(c, $"  losses: {d.Lost} of {d.Responders} responders without their offer SMS within the timeout  (target 0)  {Mark(d.Lost == 0)}");
        text.AppendLine(c, $"  pages during the dispatch: {d.PagesDuring.Filed} filings, one every {PageEvery.TotalSeconds:0} s while the offers went out -> tier-1 notice SMS at Twilio: {Spread(d.PagesDuring.Latencies)}  max {Ms(d.PagesDuring.Latencies.Max)}   missing {d.PagesDuring.Missing}");
        text.AppendLine(c, $"  429s answered by the fake during the dispatch: {d.RateLimited}   Twilio protocol violations: {violations.Count}{(violations.Count > 0 ? " (" + string.Join("; ", violations.Distinct().Take(3)) + ")" : "")}");
        return text.ToString();
    }

    private static string Spread(Latencies l) => $"p50 {Ms(l.P50)}  p95 {Ms(l.P95)}  p99 {Ms(l.P99)}";

    internal static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : ms.ToString(Math.Abs(ms) < 100 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";

    private static string Mark(bool met) => met ? "pass" : "MISS";

    private sealed record NoticeResult(int Filed, int Errors, Latencies Latencies, int Missing, double FilingSeconds);

    private sealed record DispatchResult(
        int Responders, int Posts, int BodyBytes, double PostSeconds, int Accepted, int Reached, int Lost, int ExtraCopies,
        int FakeDuplicates, int RateLimited, double SpanSeconds, double SecondsFromPost, double AllowedRate, NoticeResult PagesDuring,
        int Segments, int SegmentsInSpan);

    private static int Segments(string body) => CivilProtection.Application.Sms.SmsSegments.Count(body).Segments;
}
