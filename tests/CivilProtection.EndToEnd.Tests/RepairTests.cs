using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using CivilProtection.Application.Messaging;
using CivilProtection.Application.Repair;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Sms;
using CivilProtection.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// The repair behind the queues: a message dead-lettered and never replayed, or lost outright after it left the outbox,
/// still has its effect (the inboxes, both authorities' lists, the notice and its SMS) a few seconds after the repair's
/// delay; and a repair run costs the same storage calls whatever the history holds.
/// </summary>
public sealed class RepairTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> FastRepair = new()
    {
        ["CivilProtection:Repair:After"] = "00:00:02",
        ["CivilProtection:Repair:Period"] = "00:00:01",
    };

    [Fact]
    public async Task A_routing_message_dead_lettered_and_never_replayed_still_brings_the_item_to_the_inbox()
    {
        var outage = new InboxOutage();
        var prefix = Azurite.UniquePrefix();
        await using var host = await TestHost.StartAsync(settings: FastRepair, tablePrefix: prefix, configure: builder =>
        {
            outage.Install(builder);
            ShortLocks.UseInProcessTransport(builder, prefix);
        });
        outage.Break();
        string id;
        try
        {
            id = Api.Id(await host.ClientFor("ma-duty").FileAsync(RequestSamples.Flood()));
            // Routing (and the events queue, which keeps the inboxes too) fail on every delivery until the queues give up;
            // the repair, running meanwhile, fails as well and keeps its ticket.
            await WaitForDeadLetterAsync(host.ClientFor("ma-admin"), Queues.ApprovalRouting, id);
            await WaitForDeadLetterAsync(host.ClientFor("ma-admin"), Queues.RequestEvents, id);
            Assert.DoesNotContain(await host.ClientFor("ma-approver").GetArrayAsync("/api/approvals"), item => (string?)item!["requestId"] == id);
        }
        finally
        {
            outage.Fix();
        }

        // Nobody replays it: the repair brings the item to the inbox, and the lists up to date.
        await host.ClientFor("ma-approver").WaitForInboxItemAsync(id, 0, TimeSpan.FromSeconds(30));
        await host.ClientFor("fr-duty").WaitForListedStatusAsync(id, "pending-approval");
        // Both dead letters are still there: nothing but the repair brought the item.
        Assert.NotNull(await WaitForDeadLetterAsync(host.ClientFor("ma-admin"), Queues.ApprovalRouting, id));
        Assert.NotNull(await WaitForDeadLetterAsync(host.ClientFor("ma-admin"), Queues.RequestEvents, id));
    }

    [Fact]
    public async Task Messages_lost_after_they_left_the_outbox_are_caught_up_inboxes_lists_and_notices_once_each()
    {
        var gateway = new RecordingSmsGateway();
        var prefix = Azurite.UniquePrefix();
        await using var host = await TestHost.StartAsync(settings: FastRepair, tablePrefix: prefix, configure: builder =>
        {
            LosingTransport.Install(builder, prefix, Queues.ApprovalRouting, Queues.RequestEvents, Queues.Notifications);
            builder.Services.AddSingleton<ISmsGateway>(gateway);
        });
        var transport = (LosingTransport)host.Service<IMessageTransport>();
        var store = host.Service<IRequestStore>();
        transport.StartLosing();

        // Filed: its routing, list and notice messages are all lost; the repair alone brings them about.
        var id = Api.Id(await host.ClientFor("ma-duty").FileAsync(RequestSamples.Flood()));
        await host.ClientFor("ma-approver").WaitForInboxItemAsync(id, 0, TimeSpan.FromSeconds(30));
        await host.ClientFor("ma-duty").WaitForListedStatusAsync(id, "pending-approval");
        await host.ClientFor("fr-duty").WaitForListedStatusAsync(id, "pending-approval");
        await WaitForSentPagesAsync(store, id, 1);

        // Approved on the requesting side: the assisting side's stage opens, and its messages are lost as well.
        await host.ClientFor("ma-approver").DecideAsync(id, "approve");
        await host.ClientFor("fr-approver").WaitForInboxItemAsync(id, 1, TimeSpan.FromSeconds(30));
        // The repair writes each inbox's change on its own, in no set order: Morocco's decided item leaves its inbox too.
        await Eventually.TrueAsync(async () => !(await host.ClientFor("ma-approver").GetArrayAsync("/api/approvals")).Any(item => (string?)item!["requestId"] == id),
            "the decided stage gone from Morocco's inbox");
        await WaitForSentPagesAsync(store, id, 2);

        Assert.True(transport.Lost >= 6, $"Only {transport.Lost} message(s) were lost: the test did not take the queues away.");
        // Each notice opened once (its id is the stage and version that asked), each page sent once.
        var notices = await store.ListNoticesAsync(id, CancellationToken.None);
        Assert.Equal(["stage0-v1", "stage1-v2"], notices.Select(n => n.Value.NoticeId).Order(StringComparer.Ordinal));
        var pages = notices.SelectMany(n => n.Value.Attempts).Select(a => a.SmsId).ToList();
        Assert.Equal(pages.Count, pages.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(pages.Count, gateway.Sent.Count);
        output.WriteLine($"{transport.Lost} message(s) lost, {notices.Count} notices and {pages.Count} page(s) brought about by the repair");
    }

    [Fact]
    public async Task A_repair_run_reads_only_the_changes_that_fell_due_however_long_the_history()
    {
        var counter = new StorageCalls();
        var settings = new Dictionary<string, string?>
        {
            ["CivilProtection:Repair:After"] = "00:00:01",
            // The host's own runs stay out of the way: this test runs the repair itself.
            ["CivilProtection:Repair:Period"] = "01:00:00",
        };
        await using var host = await TestHost.StartAsync(settings: settings, configure: builder =>
            builder.Services.AddSingleton(sp =>
            {
                var options = new TableClientOptions();
                options.AddPolicy(counter, HttpPipelinePosition.PerCall);
                return new TableServiceClient(Azurite.SharedAsync().GetAwaiter().GetResult().ConnectionString, options);
            }));
        var repair = host.Service<RequestRepair>();

        var first = await CountedRunAsync(host, repair, counter);

        // History: requests whose changes were all published, handled and checked long ago.
        var history = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => FileAndSettleAsync(host)));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await repair.RunAsync(CancellationToken.None);

        var second = await CountedRunAsync(host, repair, counter);

        output.WriteLine($"storage calls of a repair run: {first} with no history, {second} after {history.Length} more requests");
        Assert.Equal(first, second);
    }

    private static async Task<int> CountedRunAsync(TestHost host, RequestRepair repair, StorageCalls counter)
    {
        await FileAndSettleAsync(host);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using (counter.Count())
        {
            Assert.Equal(0, await repair.RunAsync(CancellationToken.None));
            return counter.Calls;
        }
    }

    // Filed and handled in full (inbox, both lists, notice), so the repair only checks it.
    private static async Task<string> FileAndSettleAsync(TestHost host)
    {
        var id = Api.Id(await host.ClientFor("ma-duty").FileAsync(RequestSamples.Flood()));
        await host.ClientFor("ma-approver").WaitForInboxItemAsync(id, 0);
        await host.ClientFor("ma-duty").WaitForListedStatusAsync(id, "pending-approval");
        await host.ClientFor("fr-duty").WaitForListedStatusAsync(id, "pending-approval");
        await WaitForSentPagesAsync(host.Service<IRequestStore>(), id, 1);
        return id;
    }

    private static Task WaitForSentPagesAsync(IRequestStore store, string requestId, int notices) =>
        Eventually.TrueAsync(async () =>
        {
            var opened = await store.ListNoticesAsync(requestId, CancellationToken.None);
            if (opened.Count < notices)
            {
                return false;
            }
            foreach (var attempt in opened.SelectMany(n => n.Value.Attempts))
            {
                if ((await store.FindSmsAsync(attempt.SmsId, CancellationToken.None))?.Value.Status is not (SmsStatus.Sent or SmsStatus.Delivered))
                {
                    return false;
                }
            }
            return opened.All(n => n.Value.Attempts.Count > 0);
        }, $"{notices} notice(s) of {requestId} opened with their pages sent", TimeSpan.FromSeconds(30));

    private static async Task<JsonObject> WaitForDeadLetterAsync(HttpClient admin, string queue, string requestId)
    {
        JsonObject? found = null;
        await Eventually.TrueAsync(async () => (found = (await admin.GetArrayAsync("/api/dead-letters")).OfType<JsonObject>()
                .Where(q => (string?)q["queue"] == queue)
                .SelectMany(q => q["deadLetters"]!.AsArray().OfType<JsonObject>())
                .FirstOrDefault(d => (string?)d["requestId"] == requestId)) is not null,
            $"a dead letter on {queue} about {requestId}", TimeSpan.FromSeconds(60));
        return found!;
    }

    /// <summary>Counts the storage calls made inside <see cref="Count"/>, by whatever code the counted work awaits, and none of the host's other work.</summary>
    private sealed class StorageCalls : HttpPipelineSynchronousPolicy
    {
        private static readonly AsyncLocal<bool> Counting = new();
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public IDisposable Count()
        {
            _calls = 0;
            Counting.Value = true;
            return new Stop();
        }

        public override void OnSendingRequest(HttpMessage message)
        {
            if (Counting.Value)
            {
                Interlocked.Increment(ref _calls);
            }
        }

        private sealed class Stop : IDisposable
        {
            public void Dispose() => Counting.Value = false;
        }
    }
}
