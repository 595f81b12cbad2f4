using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CivilProtection.Application.Messaging;
using CivilProtection.Infrastructure.Messaging;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// Dead letters people can see: a routing message made to fail for good (the inboxes cannot be written), listed for
/// admins with its reason, request and age, reported by the health probe, replayed once the cause is fixed (the item
/// reaches the inbox) or discarded, each on the request's timeline; only admins, and only of the authorities party to it.
/// Written once, run over the in-process transport and over Service Bus.
/// </summary>
public abstract class DeadLetterTests<TFixture>(TFixture fixture) where TFixture : DeadLetterHostFixture
{
    [Fact]
    public async Task A_message_that_failed_for_good_is_listed_reported_replayed_once_its_cause_is_fixed_and_recorded()
    {
        var (id, reference) = await FileWhileTheInboxesAreDownAsync();
        var admin = fixture.As("ma-admin");
        var routing = await WaitForDeadLetterAsync(admin, Queues.ApprovalRouting, id);
        var events = await WaitForDeadLetterAsync(admin, Queues.RequestEvents, id);

        Assert.Equal(DeadLetterReasons.MaxDeliveryCountExceeded, (string?)routing["reason"]);
        Assert.Equal("stage-opened", (string?)routing["subject"]);
        Assert.Equal(reference, (string?)routing["reference"]);
        Assert.InRange((long)routing["ageSeconds"]!, 0, 300);
        Assert.True(DateTimeOffset.Parse((string)routing["enqueuedAt"]!, System.Globalization.CultureInfo.InvariantCulture) <= DateTimeOffset.UtcNow);
        await WaitForHealthAsync(h => (string?)h["status"] == "degraded" && (int)h["deadLetters"]! >= 2, "the health probe reports the dead letters");
        Assert.DoesNotContain(await fixture.As("ma-approver").GetArrayAsync("/api/approvals"), item => (string?)item!["requestId"] == id);

        fixture.Outage.Fix();
        using var replayed = await admin.PostJsonAsync(SettlePath(routing, "replay"), new JsonObject { ["comment"] = "Inbox storage restored" });
        var replay = await ReadAsync(replayed);
        Assert.Equal("replayed", (string?)replay["outcome"]);
        Assert.Equal(id, (string?)replay["requestId"]);
        await fixture.As("ma-approver").WaitForInboxItemAsync(id, 0);

        // Already replayed: refused clearly, and nothing more is written.
        using var again = await admin.PostJsonAsync(SettlePath(routing, "replay"), new JsonObject());
        Assert.Contains("replayed or discarded already", (string?)(await Api.ProblemAsync(again, HttpStatusCode.NotFound))["detail"]);

        using var discarded = await admin.PostJsonAsync(SettlePath(events, "discard"), new JsonObject());
        Assert.Equal("discarded", (string?)(await ReadAsync(discarded))["outcome"]);

        var timeline = (await fixture.As("ma-duty").GetRequestAsync(id))["timeline"]!.AsArray().OfType<JsonObject>().ToList();
        var replayLine = Assert.Single(timeline, e => (string?)e["action"] == "dead-letter-replayed");
        Assert.Equal("ma-admin", (string?)replayLine["actorId"]);
        Assert.Equal(0, (int?)replayLine["stageIndex"]);
        Assert.Contains(Queues.ApprovalRouting, (string?)replayLine["comment"]);
        Assert.Contains("Inbox storage restored", (string?)replayLine["comment"]);
        Assert.Single(timeline, e => (string?)e["action"] == "dead-letter-discarded");

        var left = await admin.GetArrayAsync("/api/dead-letters");
        Assert.Null(Find(left, Queues.ApprovalRouting, id));
        Assert.Null(Find(left, Queues.RequestEvents, id));
        await WaitForHealthAsync(h => (string?)h["status"] == "ok" && (int)h["deadLetters"]! == 0, "the health probe is ok once none is left");
    }

    [Fact]
    public async Task Only_admins_of_an_authority_party_to_the_request_see_or_settle_its_dead_letters()
    {
        var (id, _) = await FileWhileTheInboxesAreDownAsync();
        var routing = await WaitForDeadLetterAsync(fixture.As("ma-admin"), Queues.ApprovalRouting, id);
        var events = await WaitForDeadLetterAsync(fixture.As("ma-admin"), Queues.RequestEvents, id);
        fixture.Outage.Fix();

        // An admin of the assisting authority sees it; one of an authority not party to the request sees nothing of it.
        Assert.NotNull(Find(await fixture.As("fr-admin").GetArrayAsync("/api/dead-letters"), Queues.ApprovalRouting, id));
        var uninvolved = fixture.As("tn-admin");
        Assert.DoesNotContain(
            (await uninvolved.GetArrayAsync("/api/dead-letters")).OfType<JsonObject>().SelectMany(q => q["deadLetters"]!.AsArray().OfType<JsonObject>()),
            d => (string?)d["requestId"] == id);
        using (var refused = await uninvolved.PostJsonAsync(SettlePath(routing, "replay"), new JsonObject()))
        {
            await Api.ProblemAsync(refused, HttpStatusCode.NotFound);
        }

        // People who are not admins are refused, whatever their authority.
        using (var list = await fixture.As("ma-duty").GetAsync("/api/dead-letters"))
        {
            await Api.ProblemAsync(list, HttpStatusCode.Forbidden);
        }
        using (var replay = await fixture.As("fr-approver").PostJsonAsync(SettlePath(routing, "replay"), new JsonObject()))
        {
            await Api.ProblemAsync(replay, HttpStatusCode.Forbidden);
        }
        Assert.DoesNotContain((await fixture.As("ma-duty").GetRequestAsync(id))["timeline"]!.AsArray(), e => ((string?)e!["action"])!.StartsWith("dead-letter-", StringComparison.Ordinal));

        // The assisting authority's admin may settle it.
        using (var replayed = await fixture.As("fr-admin").PostJsonAsync(SettlePath(routing, "replay"), new JsonObject()))
        {
            await ReadAsync(replayed);
        }
        await fixture.As("ma-approver").WaitForInboxItemAsync(id, 0);
        using (var replayed = await fixture.As("ma-admin").PostJsonAsync(SettlePath(events, "replay"), new JsonObject()))
        {
            await ReadAsync(replayed);
        }
        await fixture.As("fr-duty").WaitForListedStatusAsync(id, "pending-approval");
    }

    [Fact]
    public async Task Bad_input_names_every_bad_field_and_a_dead_letter_naming_no_request_is_for_every_admin()
    {
        var admin = fixture.As("ma-admin");
        using (var bad = await admin.PostJsonAsync("/api/dead-letters/no-such-queue/first/replay", new JsonObject()))
        {
            var errors = (await Api.ProblemAsync(bad, HttpStatusCode.BadRequest))["errors"]!.AsObject();
            Assert.Equal(["queue", "sequenceNumber"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        }
        using (var bad = await admin.GetAsync("/api/dead-letters?queue=no-such-queue"))
        {
            Assert.True((await Api.ProblemAsync(bad, HttpStatusCode.BadRequest))["errors"]!.AsObject().ContainsKey("queue"));
        }
        using (var form = await admin.PostAsync($"/api/dead-letters/{Queues.RequestEvents}/1/discard", new StringContent("{}", Encoding.UTF8, "text/plain")))
        {
            await Api.ProblemAsync(form, HttpStatusCode.UnsupportedMediaType);
        }

        // A message about a request that does not exist is dead-lettered by its handler; it belongs to no authority.
        var ghost = Guid.NewGuid().ToString("N");
        await fixture.Host.Service<IMessageTransport>().SendAsync(Queues.RequestEvents,
            new OutgoingMessage($"test:{ghost}", "request-changed", $$"""{"kind":"request-changed","requestId":"{{ghost}}","version":1}""", ghost), CancellationToken.None);
        var uninvolved = fixture.As("tn-admin");
        var letter = await WaitForDeadLetterAsync(uninvolved, Queues.RequestEvents, ghost);
        Assert.Equal("UnknownRequest", (string?)letter["reason"]);
        Assert.Null(letter["reference"]);
        Assert.NotNull(Find(await admin.GetArrayAsync("/api/dead-letters"), Queues.RequestEvents, ghost));
        using var discarded = await uninvolved.PostJsonAsync(SettlePath(letter, "discard"), new JsonObject { ["comment"] = "Test message" });
        var settled = await ReadAsync(discarded);
        Assert.Null(settled["requestId"]);
        Assert.Null(Find(await admin.GetArrayAsync("/api/dead-letters"), Queues.RequestEvents, ghost));
    }

    private async Task<(string Id, string Reference)> FileWhileTheInboxesAreDownAsync()
    {
        fixture.Outage.Break();
        try
        {
            var filed = await fixture.As("ma-duty").FileAsync(RequestSamples.Flood());
            return (Api.Id(filed), (string)filed["reference"]!);
        }
        catch
        {
            fixture.Outage.Fix();
            throw;
        }
    }

    private static async Task<JsonObject> WaitForDeadLetterAsync(HttpClient admin, string queue, string requestId)
    {
        JsonObject? found = null;
        await Eventually.TrueAsync(async () => (found = Find(await admin.GetArrayAsync("/api/dead-letters"), queue, requestId)) is not null,
            $"a dead letter on {queue} about {requestId}", TimeSpan.FromSeconds(60));
        return found!;
    }

    private async Task WaitForHealthAsync(Func<JsonObject, bool> condition, string what)
    {
        using var probe = fixture.As(null);
        await Eventually.TrueAsync(async () => condition((await probe.GetFromJsonAsync<JsonObject>("/api/health"))!), what);
    }

    private static JsonObject? Find(JsonArray queues, string queue, string requestId) => queues.OfType<JsonObject>()
        .Where(q => (string?)q["queue"] == queue)
        .SelectMany(q => q["deadLetters"]!.AsArray().OfType<JsonObject>())
        .FirstOrDefault(d => (string?)d["requestId"] == requestId);

    private static string SettlePath(JsonObject letter, string action) => $"/api/dead-letters/{(string)letter["queue"]!}/{(long)letter["sequenceNumber"]!}/{action}";

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        await Api.ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}

public sealed class InProcessDeadLetterTests(DeadLetterHostFixture fixture) : DeadLetterTests<DeadLetterHostFixture>(fixture), IClassFixture<DeadLetterHostFixture>;

public sealed class ServiceBusDeadLetterTests(ServiceBusDeadLetterHostFixture fixture) : DeadLetterTests<ServiceBusDeadLetterHostFixture>(fixture), IClassFixture<ServiceBusDeadLetterHostFixture>;
