using System.Net;
using System.Text.Json.Nodes;
using CivilProtection.Testing;
using static CivilProtection.EndToEnd.Tests.DeploymentSteps;
using static CivilProtection.EndToEnd.Tests.ExchangeParties;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// From commitment to return on either host: the team leader reports by SMS through the fake Twilio (each message
/// applied once), the coordinator on the page; the requester extends and releases; the assisting side decides the
/// extension through its offer's stage; the board, the timeline and the people on mission follow. Who may do what is
/// checked across the requester, two assisting partners, a partner not asked and an authority that is nobody's partner.
/// </summary>
public abstract class DeploymentTests<THost>(DeploymentHostFixture<THost> fixture) where THost : IHostKind
{
    private static readonly Domain.Rosters.Person SpanishDuty = new("es-duty", "Lucía García", "+34600000001", "en", Spain, ["duty-officer"], []);

    private IAppHost Host => fixture.Host;

    [Fact]
    public async Task A_module_goes_from_mobilising_to_home_reported_by_SMS_and_on_the_page_extended_and_released_by_the_requester()
    {
        var (id, reference) = await OpenToAsync(Host, Spain);
        await CommitOneModuleAsync(Host, id, Spain, "es-coordinator", "es-approver");

        // Accepted, not reported yet: mobilising, version 0, with the people its module calls for.
        var mobilising = DeploymentOf(await BoardAsync(Host, "ma-duty", id), Spain);
        Assert.Equal(("mobilising", 0), ((string)mobilising["status"]!, (int)mobilising["version"]!));
        Assert.True((int)mobilising["people"]! > 0);
        Assert.Equal(["extend", "release"], mobilising["allowedActions"]!.AsArray().Select(a => (string)a!));

        await LeaderAcceptsAsync(Host, fixture.Twilio, id, reference, DateTimeOffset.UtcNow);

        // "DEPARTED +3h": on the way, expected in about three hours; the same message again changes nothing.
        var sid = FakeTwilio.NewMessageSid();
        var answer = await ReplyAsync(Host, fixture.Twilio, SpanishLeader, "DEPARTED +3h convoy of 2 trucks", sid);
        Assert.Contains($"{reference}: status \"departed\" recorded", answer, StringComparison.Ordinal);
        Assert.Contains("departed\" recorded", await ReplyAsync(Host, fixture.Twilio, SpanishLeader, "DEPARTED +3h convoy of 2 trucks", sid), StringComparison.Ordinal);
        var departed = DeploymentOf(await BoardAsync(Host, "es-coordinator", id), Spain);
        Assert.Equal("departed", (string)departed["status"]!);
        var eta = DateTimeOffset.Parse((string)departed["expectedArrival"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(eta - DateTimeOffset.UtcNow, TimeSpan.FromHours(2.9), TimeSpan.FromHours(3));
        Assert.Equal(["mobilising", "departed"], departed["reports"]!.AsArray().Select(r => (string)r!["status"]!));
        Assert.Equal("+3h convoy of 2 trucks", (string)departed["reports"]![1]!["comment"]!);

        // A status that cannot follow is answered with where the deployment stands, and changes nothing.
        Assert.Contains("\"departed\"; that report cannot follow", await ReplyAsync(Host, fixture.Twilio, SpanishLeader, "RETURNED"), StringComparison.Ordinal);

        // In Arabic, on site; the coordinator reports operating with a position on the page.
        Assert.Contains("arrived on site", await ReplyAsync(Host, fixture.Twilio, SpanishLeader, "وصلنا الجسر الشمالي"), StringComparison.Ordinal);
        using (var operating = await ActAsync(Host, "es-coordinator", id, Spain, "reports", new JsonObject
        {
            ["status"] = "operating", ["latitude"] = 34.25, ["longitude"] = -5.70, ["comment"] = "Pompage au pont nord", ["version"] = 3,
        }))
        {
            await Api.ExpectAsync(operating, HttpStatusCode.OK);
        }

        // Teams in the field keep the request open: the requester cannot close it over their heads.
        using (var early = await Host.ClientFor("ma-duty").PostJsonAsync($"/api/requests/{id}/closure", new JsonObject { ["comment"] = "Fin" }))
        {
            Assert.Contains(Spain, (string)(await Api.ProblemAsync(early, HttpStatusCode.Conflict))["detail"]!, StringComparison.Ordinal);
        }

        // Morocco asks to keep the module two more weeks; Spain's offers approvers agree: the planned end moves.
        var before = DeploymentOf(await BoardAsync(Host, "ma-duty", id), Spain);
        Assert.Equal(new JsonObject { ["latitude"] = 34.25, ["longitude"] = -5.70 }.ToJsonString(), before["lastKnownPosition"]!.ToJsonString());
        var until = DateTimeOffset.Parse((string)before["plannedEnd"]!, System.Globalization.CultureInfo.InvariantCulture).AddDays(14);
        using (var asked = await ActAsync(Host, "ma-duty", id, Spain, "extension", new JsonObject
        {
            ["until"] = until.ToString("O"), ["reason"] = "Les eaux montent encore à Mechra Bel Ksiri.", ["version"] = (int)before["version"]!,
        }))
        {
            await Api.ExpectAsync(asked, HttpStatusCode.OK);
        }
        Assert.Equal(["decide-extension"], DeploymentOf(await BoardAsync(Host, "es-approver", id), Spain)["allowedActions"]!.AsArray().Select(a => (string)a!));
        // Spain's contact point on call (seeded: its duty officer) is told by SMS, in English.
        await SmsToAsync(fixture.Twilio, SpanishDuty, reference, "asks to keep your teams longer");
        using (var agreed = await ActAsync(Host, "es-approver", id, Spain, "extension/decision", new JsonObject { ["decision"] = "approve" }))
        {
            await Api.ExpectAsync(agreed, HttpStatusCode.OK);
        }
        var extended = DeploymentOf(await BoardAsync(Host, "ma-duty", id), Spain);
        Assert.Equal("approved", (string)extended["extension"]!["status"]!);
        Assert.Equal(until, DateTimeOffset.Parse((string)extended["plannedEnd"]!, System.Globalization.CultureInfo.InvariantCulture));

        // Spain's people on mission: its leader, since the departure, as JSON and as CSV.
        var personnel = await Host.ClientFor("es-coordinator").CsvLinesAsync("/api/deployments/personnel?format=csv");
        Assert.Equal("personId,name,requestId,reference,capability,role,status,departedAt,dutyHours", personnel[0]);
        Assert.Contains(personnel, l => l.StartsWith($"{SpanishLeader.PersonId},{SpanishLeader.Name},{id},{reference},HCP,team-leader,operating,", StringComparison.Ordinal));

        // Morocco releases the module; Spain reports it going home, then home.
        using (var released = await ActAsync(Host, "ma-duty", id, Spain, "release", new JsonObject { ["comment"] = "Décrue amorcée." }))
        {
            await Api.ExpectAsync(released, HttpStatusCode.OK);
        }
        await SmsToAsync(fixture.Twilio, SpanishDuty, reference, "released your teams");
        Assert.Contains("demobilising", await ReplyAsync(Host, fixture.Twilio, SpanishLeader, "DEMOB"), StringComparison.Ordinal);
        Assert.Contains("returned home", await ReplyAsync(Host, fixture.Twilio, SpanishLeader, "BACK HOME"), StringComparison.Ordinal);

        var home = DeploymentOf(await BoardAsync(Host, "ma-duty", id), Spain);
        Assert.Equal("returned", (string)home["status"]!);
        Assert.Equal("Décrue amorcée.", (string)home["release"]!["comment"]!);
        Assert.Equal(["mobilising", "departed", "arrived-on-site", "operating", "demobilising", "returned"], home["reports"]!.AsArray().Select(r => (string)r!["status"]!));
        Assert.Empty(home["allowedActions"]!.AsArray());
        var timeline = (await Host.ClientFor("ma-duty").GetRequestAsync(id))["timeline"]!.AsArray().Select(e => (string)e!["action"]!).ToList();
        Assert.Equal(6, timeline.Count(a => a == "deployment-reported"));
        Assert.Equal(1, timeline.Count(a => a == "deployment-extension-asked"));
        Assert.Equal(1, timeline.Count(a => a == "deployment-extended"));
        Assert.Equal(1, timeline.Count(a => a == "deployment-released"));

        // Home, the mission waits for both parties' after-action notes, then closes by itself.
        Assert.Equal([Morocco, Spain], (await BoardAsync(Host, "ma-duty", id))["afterActionNotesOwed"]!.AsArray().Select(a => (string)a!));
        using (var tunisia = await Host.ClientFor("tn-coordinator").PostJsonAsync($"/api/requests/{id}/after-action", new JsonObject { ["note"] = "?" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, tunisia.StatusCode);
        }
        using (var empty = await Host.ClientFor("ma-duty").PostJsonAsync($"/api/requests/{id}/after-action", new JsonObject { ["note"] = " " }))
        {
            Assert.Equal(["note"], (await Api.ProblemAsync(empty, HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key));
        }
        foreach (var (user, note) in new[] { ("ma-duty", "Coordination fluide ; prévoir des interprètes."), ("es-coordinator", "Pompage efficace ; accès au site difficile.") })
        {
            using var noted = await Host.ClientFor(user).PostJsonAsync($"/api/requests/{id}/after-action", new JsonObject { ["note"] = note });
            await Api.ExpectAsync(noted, HttpStatusCode.OK);
        }
        await Eventually.TrueAsync(async () => (string)(await Host.ClientFor("ma-duty").GetRequestAsync(id))["status"]! == "closed", "the request closed after the last note");
        var closed = await BoardAsync(Host, "es-coordinator", id);
        Assert.Equal(("closed", 0, 2), ((string)closed["requestStatus"]!, closed["afterActionNotesOwed"]!.AsArray().Count, closed["afterActionNotes"]!.AsArray().Count));
        Assert.Empty(fixture.Twilio.Violations);
    }

    [Fact]
    public async Task Each_deployment_is_seen_and_acted_on_only_by_its_two_parties()
    {
        var (id, _) = await OpenToAsync(Host, Spain, Portugal);
        await CommitOneModuleAsync(Host, id, Spain, "es-coordinator", "es-approver");
        await CommitOneModuleAsync(Host, id, Portugal, "pt-coordinator", approver: null);

        // Morocco sees both; each partner only its own; France (not asked) and Tunisia (nobody's partner) see nothing.
        Assert.Equal([Spain, Portugal], (await BoardAsync(Host, "ma-duty", id))["deployments"]!.AsArray().Select(d => (string)d!["authorityId"]!).Order());
        Assert.Equal([Spain], (await BoardAsync(Host, "es-coordinator", id))["deployments"]!.AsArray().Select(d => (string)d!["authorityId"]!));
        Assert.Equal([Portugal], (await BoardAsync(Host, "pt-duty", id))["deployments"]!.AsArray().Select(d => (string)d!["authorityId"]!));
        foreach (var outsider in new[] { "fr-duty", "tn-coordinator" })
        {
            using var board = await Host.ClientFor(outsider).GetAsync($"/api/requests/{id}/deployments");
            Assert.Equal(HttpStatusCode.NotFound, board.StatusCode);
        }

        var departure = new JsonObject { ["status"] = "departed", ["expectedArrival"] = DateTimeOffset.UtcNow.AddHours(5).ToString("O") };
        var refusals = new (string User, string Act, JsonObject Body, HttpStatusCode Status)[]
        {
            // Another partner's deployment does not exist for Portugal, France or Tunisia.
            ("pt-coordinator", "reports", departure, HttpStatusCode.NotFound),
            ("fr-coordinator", "reports", departure, HttpStatusCode.NotFound),
            ("tn-coordinator", "release", new JsonObject(), HttpStatusCode.NotFound),
            ("pt-approver", "extension/decision", new JsonObject { ["decision"] = "approve" }, HttpStatusCode.NotFound),
            // The requester does not report the partner's status; the partner neither extends nor releases its own.
            ("ma-coordinator", "reports", departure, HttpStatusCode.Forbidden),
            ("es-duty", "extension", new JsonObject { ["until"] = DateTimeOffset.UtcNow.AddDays(60).ToString("O"), ["reason"] = "x" }, HttpStatusCode.Forbidden),
            ("es-coordinator", "release", new JsonObject(), HttpStatusCode.Forbidden),
            // Only approvers of the assisting side decide an extension.
            ("ma-approver", "extension/decision", new JsonObject { ["decision"] = "approve" }, HttpStatusCode.Forbidden),
            ("es-duty", "reports", departure, HttpStatusCode.Forbidden),
        };
        foreach (var (user, act, body, status) in refusals)
        {
            using var refused = await ActAsync(Host, user, id, Spain, act, body);
            Assert.True(refused.StatusCode == status, $"{user} {act}: {(int)refused.StatusCode}, expected {(int)status}");
        }

        // The authority boards: Morocco's lists both on this request, Spain's only its own.
        var morocco = await Host.ClientFor("ma-duty").GetArrayAsync("/api/deployments");
        Assert.Equal(2, morocco.Count(d => (string)d!["requestId"]! == id));
        var spain = await Host.ClientFor("es-coordinator").GetArrayAsync("/api/deployments");
        Assert.Equal([Spain], spain.Where(d => (string)d!["requestId"]! == id).Select(d => (string)d!["authorityId"]!));
        // The same boards as CSV files: a line per deployment the board holds, nothing of a partner's for Spain.
        foreach (var (user, expected) in new[] { ("ma-duty", new[] { Spain, Portugal }), ("es-coordinator", new[] { Spain }) })
        {
            var rows = await Host.ClientFor(user).CsvLinesAsync("/api/deployments?format=csv");
            Assert.StartsWith("requestId,reference,authorityId,requestingAuthorityId,people,status,", rows[0], StringComparison.Ordinal);
            Assert.Equal(expected.Order(StringComparer.Ordinal), rows.Where(r => r.StartsWith(id + ",", StringComparison.Ordinal)).Select(r => r.Split(',')[2]).Order(StringComparer.Ordinal));
        }
        using (var badFormat = await Host.ClientFor("ma-duty").GetAsync("/api/deployments?format=pdf"))
        {
            Assert.Equal(["format"], (await Api.ProblemAsync(badFormat, HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key));
        }
        using (var personnel = await Host.ClientFor("es-duty").GetAsync("/api/deployments/personnel"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, personnel.StatusCode);
        }

        // Nothing any refusal tried was stored.
        Assert.All((await BoardAsync(Host, "ma-duty", id))["deployments"]!.AsArray(), d => Assert.Equal(0, (int)d!["version"]!));
    }

    [Fact]
    public async Task A_bad_report_names_every_bad_field_and_a_stale_one_is_refused_storing_nothing()
    {
        var (id, _) = await OpenToAsync(Host, Portugal);
        await CommitOneModuleAsync(Host, id, Portugal, "pt-coordinator", approver: null);
        var schemas = await OpenApiSchemas.LoadAsync(Host.ClientFor(null));
        const string Reports = "/api/requests/{id}/deployments/{authorityId}/reports";

        using (var bad = await ActAsync(Host, "pt-coordinator", id, Portugal, "reports", new JsonObject { ["status"] = "lost", ["latitude"] = 95 }))
        {
            await schemas.CheckAsync("POST", Reports, bad);
            var problem = await Api.ProblemAsync(bad, HttpStatusCode.BadRequest);
            Assert.Equal(["latitude", "longitude", "status"], problem["errors"]!.AsObject().Select(e => e.Key).Order());
        }
        using (var noArrival = await ActAsync(Host, "pt-coordinator", id, Portugal, "reports", new JsonObject { ["status"] = "departed" }))
        {
            var problem = await Api.ProblemAsync(noArrival, HttpStatusCode.BadRequest);
            Assert.Equal(["expectedArrival"], problem["errors"]!.AsObject().Select(e => e.Key));
        }
        var departure = new JsonObject { ["status"] = "departed", ["expectedArrival"] = DateTimeOffset.UtcNow.AddHours(5).ToString("O"), ["version"] = 0 };
        using (var first = await ActAsync(Host, "pt-coordinator", id, Portugal, "reports", departure))
        {
            await Api.ExpectAsync(first, HttpStatusCode.OK);
            await schemas.CheckAsync("POST", Reports, first);
        }

        // Reported again from the same view of version 0: someone changed it since.
        using (var stale = await ActAsync(Host, "pt-coordinator", id, Portugal, "reports", new JsonObject { ["status"] = "arrived-on-site", ["version"] = 0 }))
        {
            await schemas.CheckAsync("POST", Reports, stale);
            await Api.ProblemAsync(stale, HttpStatusCode.Conflict);
        }
        foreach (var path in new[] { ($"/api/requests/{id}/deployments", "/api/requests/{id}/deployments"), ("/api/deployments", "/api/deployments"), ("/api/deployments/personnel", "/api/deployments/personnel") })
        {
            using var read = await Host.ClientFor("pt-coordinator").GetAsync(path.Item1);
            await Api.ExpectAsync(read, HttpStatusCode.OK);
            await schemas.CheckAsync("GET", path.Item2, read);
        }
        // The same departure again, without a version (a retry): nothing changes.
        departure.Remove("version");
        using (var retry = await ActAsync(Host, "pt-coordinator", id, Portugal, "reports", departure))
        {
            await Api.ExpectAsync(retry, HttpStatusCode.OK);
        }
        var board = DeploymentOf(await BoardAsync(Host, "pt-coordinator", id), Portugal);
        Assert.Equal(("departed", 2), ((string)board["status"]!, (int)board["version"]!));

        // An extension ending before the planned end, with no reason: both named.
        using var early = await ActAsync(Host, "ma-duty", id, Portugal, "extension", new JsonObject { ["until"] = DateTimeOffset.UtcNow.AddDays(-1).ToString("O") });
        Assert.Equal(["reason", "until"], (await Api.ProblemAsync(early, HttpStatusCode.BadRequest))["errors"]!.AsObject().Select(e => e.Key).Order());
    }
}

public sealed class DeploymentTestsOnLocalHost(DeploymentHostFixture<OnLocalHost> fixture) : DeploymentTests<OnLocalHost>(fixture), IClassFixture<DeploymentHostFixture<OnLocalHost>>;

public sealed class DeploymentTestsOnFunctionsApp(DeploymentHostFixture<OnFunctionsApp> fixture) : DeploymentTests<OnFunctionsApp>(fixture), IClassFixture<DeploymentHostFixture<OnFunctionsApp>>;

/// <summary>One host of the given kind with the exchange's partners and the fake Twilio on loopback, its callbacks reaching the host.</summary>
public sealed class DeploymentHostFixture<THost> : IAsyncLifetime where THost : IHostKind
{
    public FakeTwilio Twilio { get; private set; } = null!;

    public IAppHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Twilio = await FakeTwilio.StartAsync();
        var port = Azurite.FreePort();
        Host = await THost.StartAsync(new HostStart(Settings: Twilio.Settings(new Uri($"http://127.0.0.1:{port}/")), Port: port, Prepare: ExchangeDirectory.PrepareAsync));
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Twilio.DisposeAsync();
    }
}
