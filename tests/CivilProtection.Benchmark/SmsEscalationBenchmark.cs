using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CivilProtection.Testing;

namespace CivilProtection.Benchmark;

/// <summary>
/// How fast the SMS escalations react, against a fake Twilio with a local host of their own (life-safety notices
/// given 3 s a tier, so rounds end within the run): (1) from the end of a life-safety notice's first unacknowledged
/// round (its last round-1 deadline) to the voice call reaching Twilio; (2) from Twilio refusing a dispatch offer with
/// 21610 (the responder opted out) to the next candidate's offer SMS reaching Twilio.
/// </summary>
public static class SmsEscalationBenchmark
{
    private const int Samples = 5;
    private const string Skill = "high-capacity-pumping";
    private static readonly TimeSpan TierTime = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static async Task<string> RunAsync(string localHostDll, string connectionString, string tablePrefix, Action<string> progress, CancellationToken ct)
    {
        await using var twilio = await FakeTwilio.StartAsync();
        var port = Azurite.FreePort();
        var settings = twilio.Settings(new Uri($"http://127.0.0.1:{port}/"), withVoice: true);
        settings["CivilProtection:Notices:LifeSafetyAcknowledgeWithin"] = TierTime.ToString("c", CultureInfo.InvariantCulture);
        progress($"SMS escalations: a local host on port {port}, life-safety tiers given {TierTime.TotalSeconds:0} s...");
        await using var host = await LocalHostProcess.StartAsync(localHostDll, connectionString, tablePrefix, settings, port, ct);

        progress($"SMS escalations: {Samples} life-safety filings left unacknowledged, each timed to its voice call...");
        var calls = await VoiceAsync(host, twilio, ct);
        progress($"SMS escalations: {Samples} dispatches whose first responder opted out at Twilio, each timed to the next offer...");
        var refusals = await OptOutAsync(host, twilio, ct);
        if (host.HasExited)
        {
            throw new InvalidOperationException($"The local host exited during the SMS escalations:{Environment.NewLine}{host.RecentOutput}");
        }
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"SMS escalations (fake Twilio on loopback, local host over Azurite; tiers of {TierTime.TotalSeconds:0} s):");
        text.AppendLine(c, $"  first round unacknowledged -> voice call at Twilio: {Spread(calls.Latencies)}  ({calls.Latencies.Count}/{Samples} measured)");
        text.AppendLine(c, $"  21610 refusal -> next candidate's offer SMS at Twilio: {Spread(refusals.Latencies)}  ({refusals.Latencies.Count}/{Samples} measured)  (target < 5 s)  {(refusals.Latencies.Count == Samples && refusals.Latencies.Max() < 5000 ? "pass" : "MISS")}");
        text.AppendLine(c, $"  fake Twilio violations: {twilio.Violations.Count}");
        return text.ToString();
    }

    // ---- (1) the voice call of a life-safety notice ----

    private static async Task<(List<double> Latencies, int Missing)> VoiceAsync(LocalHostProcess host, FakeTwilio twilio, CancellationToken ct)
    {
        using var duty = host.ClientFor("ma-duty");
        using var viewer = host.ClientFor("ma-approver");
        var filed = new List<string>();
        for (var i = 0; i < Samples; i++)
        {
            filed.Add((await SmsBenchmark.FileAsync(duty, RequestSamples.Flood(), ct)).Id);
        }
        // The last deadline seen while each notice was in its first round; the round ends when it passes.
        var roundOneEnds = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var calledTo = new Dictionary<string, string>(StringComparer.Ordinal);
        var latencies = new List<double>();
        var until = DateTime.UtcNow + Timeout;
        while (latencies.Count + (Samples - filed.Count) < Samples && DateTime.UtcNow < until)
        {
            foreach (var id in filed.Where(id => !calledTo.ContainsKey(id)).ToList())
            {
                using var response = await viewer.GetAsync($"/api/requests/{id}", ct);
                var view = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
                var notice = view["notices"]?.AsArray().OfType<JsonObject>().FirstOrDefault(n => (int?)n["stageIndex"] == 0);
                if (notice is null)
                {
                    continue;
                }
                if ((int)notice["round"]! == 1 && notice["escalatesAt"] is { } at)
                {
                    roundOneEnds[id] = DateTimeOffset.Parse((string)at!, CultureInfo.InvariantCulture);
                }
                // The round-2 pages' people: the first call to one of them after the round ended is this notice's.
                var roundTwo = notice["attempts"]!.AsArray().OfType<JsonObject>().Where(a => (int)a["round"]! == 2).Select(a => (string)a["personId"]!).ToHashSet(StringComparer.Ordinal);
                if (roundTwo.Count == 0 || !roundOneEnds.TryGetValue(id, out var ended))
                {
                    continue;
                }
                var call = twilio.Calls.Where(c => c.ReceivedAt >= ended && !calledTo.ContainsValue(c.Sid)).OrderBy(c => c.ReceivedAt).FirstOrDefault();
                if (call is not null)
                {
                    calledTo[id] = call.Sid;
                    latencies.Add((call.ReceivedAt - ended).TotalMilliseconds);
                }
            }
            await Task.Delay(50, ct);
        }
        return (latencies, Samples - latencies.Count);
    }

    // ---- (2) 21610 on a dispatch offer -> the next candidate ----

    private static async Task<(List<double> Latencies, int Missing)> OptOutAsync(LocalHostProcess host, FakeTwilio twilio, CancellationToken ct)
    {
        using var coordinator = host.ClientFor("fr-coordinator");
        using var duty = host.ClientFor("ma-duty");
        using var maApprover = host.ClientFor("ma-approver");
        using var frApprover = host.ClientFor("fr-approver");
        var latencies = new List<double>();
        for (var i = 0; i < Samples; i++)
        {
            // One responder opted out at Twilio without the app having seen it, and two more able to go.
            var stopped = (Id: $"bench-optout-{i}", Mobile: $"+3361400{i:D2}00");
            foreach (var (id, mobile) in new[] { stopped, ($"bench-optout-{i}-a", $"+3361400{i:D2}01"), ($"bench-optout-{i}-b", $"+3361400{i:D2}02") })
            {
                var person = new JsonObject
                {
                    ["name"] = $"Renfort {id}", ["mobile"] = mobile, ["language"] = "fr", ["roles"] = new JsonArray("responder"), ["skills"] = new JsonArray(Skill),
                };
                using var put = await coordinator.PutAsJsonAsync($"/api/people/{id}", person, ct);
                await SmsBenchmark.ExpectAsync(put, HttpStatusCode.OK, $"PUT /api/people/{id}", ct);
            }
            twilio.OptOutAtTwilio(stopped.Mobile);
            var form = RequestSamples.Flood(urgency: "urgent");
            form["capabilities"] = new JsonArray(new JsonObject { ["code"] = Skill, ["quantity"] = 1 });
            var (requestId, reference) = await SmsBenchmark.FileAsync(duty, form, ct);
            await SmsBenchmark.DecideAsync(maApprover, requestId, ct);
            await SmsBenchmark.DecideAsync(frApprover, requestId, ct);
            var offer = new JsonObject
            {
                ["meetingPoint"] = "Base de sécurité civile de Nîmes-Garons",
                ["reportAt"] = DateTimeOffset.UtcNow.AddHours(3).ToString("O", CultureInfo.InvariantCulture),
                ["offers"] = new JsonArray(new JsonObject { ["personId"] = stopped.Id, ["capability"] = Skill }),
            };
            using var posted = await coordinator.PostAsJsonAsync($"/api/requests/{requestId}/dispatch", offer, ct);
            await SmsBenchmark.ExpectAsync(posted, HttpStatusCode.OK, "POST dispatch", ct);

            var until = DateTime.UtcNow + Timeout;
            while (DateTime.UtcNow < until)
            {
                var refused = twilio.OptOutRefusals.Where(r => r.To == stopped.Mobile).Select(r => (DateTimeOffset?)r.At).FirstOrDefault();
                var next = refused is { } at
                    ? twilio.Messages.Where(m => m.ReceivedAt >= at && m.To != stopped.Mobile && SmsBenchmark.Mentions(m.Body, reference) && m.Body.StartsWith("Mission", StringComparison.Ordinal)).OrderBy(m => m.ReceivedAt).FirstOrDefault()
                    : null;
                if (next is not null)
                {
                    latencies.Add((next.ReceivedAt - refused!.Value).TotalMilliseconds);
                    break;
                }
                await Task.Delay(50, ct);
            }
        }
        return (latencies, Samples - latencies.Count);
    }

    private static string Spread(List<double> ms) =>
        ms.Count == 0 ? "n/a" : $"min {Ms(ms.Min())}  median {Ms(ms.Order().ElementAt(ms.Count / 2))}  max {Ms(ms.Max())}";

    private static string Ms(double ms) => ms.ToString(ms < 100 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";
}
