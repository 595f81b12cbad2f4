using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CivilProtection.Application.Directory;
using CivilProtection.Domain.Approvals;
using CivilProtection.Domain.Authorities;
using CivilProtection.Domain.Partnerships;
using CivilProtection.Domain.Rosters;
using CivilProtection.Infrastructure.Tables;
using CivilProtection.LocalHost.Seeding;
using CivilProtection.Testing;

namespace CivilProtection.Benchmark;

/// <summary>
/// A request to ten partners, against a fake Twilio with a local host of its own: (1) from the end of the
/// requesting side's validation to each asked partner's contact point's SMS reaching Twilio; (2) from an offer being
/// sent to the requester's coverage showing it. Ten benchmark authorities are written to the directory first, each
/// with a one-tier operations roster and no offer stage.
/// </summary>
public static class MultilateralBenchmark
{
    private const int Partners = 10;
    private const int Samples = 5;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static async Task<string> RunAsync(string localHostDll, string connectionString, string tablePrefix, Action<string> progress, CancellationToken ct)
    {
        var partners = Enumerable.Range(1, Partners).Select(i => $"BX-{i:D2}").ToList();
        progress($"Multilateral: {Partners} partners of MA-DGPC written to the directory, each with an operations roster...");
        var contacts = await WriteDirectoryAsync(connectionString, tablePrefix, partners, ct);
        await using var twilio = await FakeTwilio.StartAsync();
        var port = Azurite.FreePort();
        await using var host = await LocalHostProcess.StartAsync(localHostDll, connectionString, tablePrefix, twilio.Settings(new Uri($"http://127.0.0.1:{port}/")), port, ct);

        using var duty = host.ClientFor("ma-duty");
        using var approver = host.ClientFor("ma-approver");
        var paged = new List<double>();
        var covered = new List<double>();
        var missing = 0;
        for (var sample = 0; sample < Samples; sample++)
        {
            var form = RequestSamples.FloodToPartners([.. partners]);
            var (id, reference) = await SmsBenchmark.FileAsync(duty, form, ct);
            await SmsBenchmark.DecideAsync(approver, id, ct);
            var validated = DateTimeOffset.UtcNow;
            var until = DateTime.UtcNow + Timeout;
            var reached = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            while (reached.Count < contacts.Count && DateTime.UtcNow < until)
            {
                foreach (var message in twilio.Messages.Where(m => contacts.Contains(m.To) && !reached.ContainsKey(m.To) && SmsBenchmark.Mentions(m.Body, reference)))
                {
                    reached[message.To] = message.ReceivedAt;
                }
                await Task.Delay(20, ct);
            }
            missing += contacts.Count - reached.Count;
            paged.AddRange(reached.Values.Select(at => (at - validated).TotalMilliseconds));
            covered.Add(await OfferUntilCoveredAsync(host, duty, id, partners[sample % Partners], ct));
        }
        if (host.HasExited)
        {
            throw new InvalidOperationException($"The local host exited during the multilateral section:{Environment.NewLine}{host.RecentOutput}");
        }
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Multilateral (fake Twilio on loopback, local host over Azurite; {Samples} requests to {Partners} partners each):");
        text.AppendLine(c, $"  end of validation -> each partner's contact point SMS at Twilio: {Percentiles(paged)}  ({paged.Count}/{Samples * Partners} measured, {missing} missing)");
        text.AppendLine(c, $"  offer sent -> requester's coverage shows it: {Percentiles(covered)}  ({covered.Count}/{Samples} measured)");
        text.AppendLine(c, $"  fake Twilio violations: {twilio.Violations.Count}");
        return text.ToString();
    }

    // The partner's coordinator sends an offer (no offer stage: sent at once); the requester reads until its coverage counts it.
    private static async Task<double> OfferUntilCoveredAsync(LocalHostProcess host, HttpClient duty, string id, string partner, CancellationToken ct)
    {
        using var coordinator = host.ClientFor($"{partner.ToLowerInvariant()}-coordinator");
        var offer = OneModuleOffer();
        var started = DateTimeOffset.UtcNow;
        using var posted = await coordinator.PostAsJsonAsync($"/api/requests/{id}/offers", offer, ct);
        await SmsBenchmark.ExpectAsync(posted, HttpStatusCode.OK, "POST offers", ct);
        var until = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < until)
        {
            var view = (await duty.GetFromJsonAsync<JsonObject>($"/api/requests/{id}", ct))!;
            if ((int)view["exchange"]!["coverage"]![0]!["offered"]! >= 1)
            {
                return (DateTimeOffset.UtcNow - started).TotalMilliseconds;
            }
            await Task.Delay(10, ct);
        }
        throw new TimeoutException($"The requester's coverage of {id} never showed the offer of {partner}.");
    }

    /// <summary>An offer of one module for the request's first line, arriving in 12 hours for 10 days, at 50,000 EUR.</summary>
    internal static JsonObject OneModuleOffer() => new()
    {
        ["lines"] = new JsonArray(new JsonObject
        {
            ["requestLine"] = 0, ["quantity"] = 1, ["earliestArrival"] = DateTimeOffset.UtcNow.AddHours(12).ToString("O", CultureInfo.InvariantCulture),
            ["durationDays"] = 10, ["selfSufficient"] = true, ["estimatedCost"] = new JsonObject { ["amount"] = 50_000m, ["currency"] = "EUR" },
        }),
        ["contact"] = new JsonObject { ["name"] = "Liaison", ["phone"] = "+33612345678", ["email"] = "liaison@example.org" },
    };

    // Straight into the tables the host will use: authorities, partnerships, a coordinator and an on-call contact each.
    internal static async Task<HashSet<string>> WriteDirectoryAsync(string connectionString, string tablePrefix, IReadOnlyList<string> partners, CancellationToken ct)
    {
        var tables = new StateTables(new TableServiceClient(connectionString), tablePrefix);
        await tables.CreateIfMissingAsync(ct);
        var directory = new TableDirectory(tables, TimeProvider.System);
        var people = new TablePeople(tables);
        var rosters = new TableRosters(tables);
        var validation = new StageDefinition("validation", "MA-DGPC", "validation", DecisionDeadlines.Default);
        var contacts = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < partners.Count; i++)
        {
            var id = partners[i];
            var names = new Dictionary<string, string> { ["fr"] = $"Partenaire {i + 1}", ["en"] = $"Partner {i + 1}", ["ar"] = $"الشريك {i + 1}" };
            await directory.SaveAuthorityAsync(new Authority(id, "FR", $"Partner {i + 1}", ["fr"], "Europe/Paris", names), ct);
            await directory.SavePartnershipAsync(new Partnership("MA-DGPC", id, [validation], []), ct);
            await directory.SaveUserAsync(new DirectoryUser($"{id.ToLowerInvariant()}-coordinator", $"Coordinator {id}", id, ["coordinator"], []), ct);
            var mobile = $"+3361600{i:D2}00";
            contacts.Add(mobile);
            var contact = $"{id.ToLowerInvariant()}-contact";
            await people.SaveAsync(new Person(contact, $"Contact {id}", mobile, "fr", id, [], []), ct);
            await rosters.SaveAsync(RosterSeeder.Generate(new RosterSeeder.RosterPlan(id, Teams.Operations, [new RosterSeeder.TierPlan(1, contact, contact)]), "Europe/Paris", DateTimeOffset.UtcNow), ct);
        }
        return contacts;
    }

    internal static string Percentiles(List<double> ms)
    {
        if (ms.Count == 0)
        {
            return "n/a";
        }
        var l = Latencies.Of(ms);
        return $"p50 {SmsBenchmark.Ms(l.P50)}  p99 {SmsBenchmark.Ms(l.P99)}  max {SmsBenchmark.Ms(l.Max)}";
    }
}
