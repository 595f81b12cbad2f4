using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CivilProtection.Domain.Rosters;
using CivilProtection.Infrastructure.Tables;
using CivilProtection.Testing;

namespace CivilProtection.Benchmark;

/// <summary>
/// A request with 50 deployments, against a fake Twilio allowing <c>rate</c> messages a second (and the local host
/// pacing its sends to it): 50 partners each offer a pumping module, Morocco accepts each, each partner's coordinator
/// dispatches its team leader by SMS, who says YES. Then each leader reports DEPART by SMS, the reports arriving at
/// that rate: from the inbound SMS to the requester's board showing the new status; then the board's own answer time
/// with the 50 deployments, and its size.
/// </summary>
public static class DeploymentBenchmark
{
    private const int Partners = 50;
    private const int BoardReads = 50;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    public static async Task<string> RunAsync(
        string localHostDll, string connectionString, string tablePrefix, double rate, Action<string> progress, CancellationToken ct)
    {
        var partners = Enumerable.Range(1, Partners).Select(i => $"DX-{i:D2}").ToList();
        progress($"Deployments: {Partners} partners of MA-DGPC with a team leader each written to the directory...");
        await MultilateralBenchmark.WriteDirectoryAsync(connectionString, tablePrefix, partners, ct);
        var leaders = await WriteLeadersAsync(connectionString, tablePrefix, partners, ct);
        await using var twilio = await FakeTwilio.StartAsync();
        var port = Azurite.FreePort();
        var settings = twilio.Settings(new Uri($"http://127.0.0.1:{port}/"));
        settings["CivilProtection:Twilio:MessagesPerSecond"] = rate.ToString(CultureInfo.InvariantCulture);
        await using var host = await LocalHostProcess.StartAsync(localHostDll, connectionString, tablePrefix, settings, port, ct);
        twilio.RateLimitPerSecond = rate;

        using var duty = host.ClientFor("ma-duty");
        var (id, reference) = await SmsBenchmark.FileAsync(duty, RequestSamples.FloodToPartners([.. partners]), ct);
        await SmsBenchmark.DecideAsync(host.ClientFor("ma-approver"), id, ct);
        progress($"Deployments: {Partners} offers accepted, each partner's team leader dispatched by SMS...");
        try
        {
            foreach (var partner in partners)
            {
                await CommitAsync(host, duty, id, partner, ct);
            }
        }
        catch (InvalidOperationException broke)
        {
            throw new InvalidOperationException($"{broke.Message}{Environment.NewLine}The local host said:{Environment.NewLine}{host.RecentOutput}", broke);
        }
        foreach (var (partner, leader) in partners.Zip(leaders))
        {
            await DispatchAsync(host, id, partner, leader.PersonId, ct);
        }
        await WaitForAsync(() => leaders.All(l => twilio.Messages.Any(m => m.To == l.Mobile && SmsBenchmark.Mentions(m.Body, reference))), "every leader's dispatch SMS", ct);
        foreach (var leader in leaders)
        {
            using var yes = await twilio.SendInboundAsync(host.BaseAddress, host.BaseAddress, leader.Mobile, "YES");
            await SmsBenchmark.ExpectAsync(yes, HttpStatusCode.OK, "a leader's YES", ct);
        }

        progress($"Deployments: {Partners} leaders report DEPART by SMS at {rate}/s, each timed to the board showing it...");
        var toBoard = new List<double>();
        var schedule = Stopwatch.StartNew();
        await Task.WhenAll(partners.Zip(leaders).Select(async (pair, i) =>
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (due > schedule.Elapsed)
            {
                await Task.Delay(due - schedule.Elapsed, ct);
            }
            var started = Stopwatch.GetTimestamp();
            using var report = await twilio.SendInboundAsync(host.BaseAddress, host.BaseAddress, pair.Second.Mobile, "DEPART +3h");
            await SmsBenchmark.ExpectAsync(report, HttpStatusCode.OK, "a leader's DEPART", ct);
            using var reader = host.ClientFor("ma-duty");
            await WaitForAsync(async () => StatusOf(await BoardAsync(reader, id, ct), pair.First) == "departed", $"{pair.First} departed on the board", ct);
            lock (toBoard)
            {
                toBoard.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));

        var reads = new List<double>();
        var bytes = 0;
        for (var i = 0; i < BoardReads; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await duty.GetAsync($"/api/requests/{id}/deployments", ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            reads.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            bytes = body.Length;
        }
        if (host.HasExited)
        {
            throw new InvalidOperationException($"The local host exited during the deployments section:{Environment.NewLine}{host.RecentOutput}");
        }
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Deployments (fake Twilio on loopback allowing {rate}/s, local host over Azurite; one request, {Partners} deployments):");
        text.AppendLine(c, $"  inbound SMS DEPART -> requester's board shows it: {MultilateralBenchmark.Percentiles(toBoard)}  ({toBoard.Count}/{Partners} measured)");
        text.AppendLine(c, $"  GET the board with {Partners} deployments: {MultilateralBenchmark.Percentiles(reads)}  ({bytes:N0} bytes)");
        text.AppendLine(c, $"  fake Twilio violations: {twilio.Violations.Count}, duplicates: {twilio.Duplicates}");
        return text.ToString();
    }

    // A responder for pumping who leads its team, one per partner.
    private static async Task<List<Person>> WriteLeadersAsync(string connectionString, string tablePrefix, IReadOnlyList<string> partners, CancellationToken ct)
    {
        var people = new TablePeople(new StateTables(new TableServiceClient(connectionString), tablePrefix));
        var leaders = new List<Person>();
        for (var i = 0; i < partners.Count; i++)
        {
            var leader = new Person($"{partners[i].ToLowerInvariant()}-leader", $"Leader {partners[i]}", $"+3361700{i:D2}00", "en", partners[i], [PersonRoles.Responder], ["HCP"])
            {
                TeamRoles = ["team-leader"],
            };
            await people.SaveAsync(leader, ct);
            leaders.Add(leader);
        }
        return leaders;
    }

    // The partner offers one pumping module (no offer stage: sent at once) and Morocco accepts it.
    private static async Task CommitAsync(LocalHostProcess host, HttpClient duty, string id, string partner, CancellationToken ct)
    {
        using var coordinator = host.ClientFor($"{partner.ToLowerInvariant()}-coordinator");
        using var offered = await coordinator.PostAsJsonAsync($"/api/requests/{id}/offers", MultilateralBenchmark.OneModuleOffer(), ct);
        await SmsBenchmark.ExpectAsync(offered, HttpStatusCode.OK, "POST offers", ct);
        var view = (await offered.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        var offerId = (string)view["exchange"]!["offers"]!.AsArray().Single(o => (string)o!["authorityId"]! == partner)!["offerId"]!;
        using var accepted = await duty.PostAsJsonAsync($"/api/requests/{id}/offers/{offerId}/decision", new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject { ["offerLine"] = 0, ["quantity"] = 1 }),
        }, ct);
        await SmsBenchmark.ExpectAsync(accepted, HttpStatusCode.OK, "POST offer decision", ct);
    }

    private static async Task DispatchAsync(LocalHostProcess host, string id, string partner, string leaderId, CancellationToken ct)
    {
        using var coordinator = host.ClientFor($"{partner.ToLowerInvariant()}-coordinator");
        using var dispatched = await coordinator.PostAsJsonAsync($"/api/requests/{id}/dispatch", new JsonObject
        {
            ["meetingPoint"] = "Base logistique",
            ["reportAt"] = DateTimeOffset.UtcNow.AddHours(4).ToString("O", CultureInfo.InvariantCulture),
            ["offers"] = new JsonArray(new JsonObject { ["personId"] = leaderId, ["capability"] = "HCP", ["role"] = "team-leader" }),
        }, ct);
        await SmsBenchmark.ExpectAsync(dispatched, HttpStatusCode.OK, "POST dispatch", ct);
    }

    private static async Task<JsonObject> BoardAsync(HttpClient client, string id, CancellationToken ct) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/requests/{id}/deployments", ct))!;

    private static string? StatusOf(JsonObject board, string partner) =>
        (string?)board["deployments"]!.AsArray().FirstOrDefault(d => (string)d!["authorityId"]! == partner)?["status"];

    private static Task WaitForAsync(Func<bool> done, string what, CancellationToken ct) => WaitForAsync(() => Task.FromResult(done()), what, ct);

    private static async Task WaitForAsync(Func<Task<bool>> done, string what, CancellationToken ct)
    {
        var until = DateTime.UtcNow + Timeout;
        while (!await done())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Deployments: still waiting for {what}.");
            }
            await Task.Delay(20, ct);
        }
    }
}
