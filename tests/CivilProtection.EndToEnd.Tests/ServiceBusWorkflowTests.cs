using System.Text.Json.Nodes;
using CivilProtection.Application.Messaging;
using CivilProtection.Infrastructure.Messaging;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>The workflow as it runs in Azure, through the Service Bus adapter and the unmodified SDK, over the Service Bus double.</summary>
public sealed class ServiceBusWorkflowTests(ServiceBusLocalHostFixture fixture) : IClassFixture<ServiceBusLocalHostFixture>
{
    [Fact]
    public async Task A_request_filed_in_Morocco_is_routed_through_Service_Bus_and_approved_at_both_stages()
    {
        Assert.IsType<ServiceBusTransport>(fixture.Host.Service<IMessageTransport>());
        var duty = fixture.As("ma-duty");
        var id = Api.Id(await duty.FileAsync(RequestSamples.Flood()));

        var maApprover = fixture.As("ma-approver");
        await maApprover.WaitForInboxItemAsync(id, 0);
        Assert.Equal(1, (int)(await maApprover.DecideAsync(id, "approve", "Validé par la DGPC"))["currentStageIndex"]!);
        var frApprover = fixture.As("fr-approver");
        await frApprover.WaitForInboxItemAsync(id, 1);
        var approved = await frApprover.DecideAsync(id, "approve", "Accepté");

        Assert.Equal("approved", (string)approved["status"]!);
        Assert.Equal(["submitted", "stage-opened", "stage-approved", "stage-opened", "stage-approved", "approved"], Api.Actions(approved));
        await duty.WaitForListedStatusAsync(id, "approved");
        Assert.True(fixture.ServiceBus.OpenConnections > 0, "The local host never connected to the double.");
        await WaitUntilQueuesAreDrainedAsync();
    }

    [Fact]
    public async Task Requests_filed_while_connections_drop_each_reach_the_inbox_once_with_no_duplicate_events()
    {
        var duty = fixture.As("ma-duty");
        var approver = fixture.As("ma-approver");
        using var stopDropping = new CancellationTokenSource();
        var dropping = DropConnectionsUntilAsync(stopDropping.Token);

        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add(Api.Id(await duty.FileAsync(RequestSamples.Flood(), idempotencyKey: $"sb-drop-{Guid.NewGuid():N}")));
        }

        foreach (var id in ids)
        {
            await approver.WaitForInboxItemAsync(id, 0, TimeSpan.FromSeconds(60));
        }

        await stopDropping.CancelAsync();
        await dropping;
        var inbox = await approver.GetArrayAsync("/api/approvals");
        foreach (var id in ids)
        {
            Assert.Single(inbox.OfType<JsonObject>(), item => (string)item["requestId"]! == id);
            Assert.Equal(["submitted", "stage-opened"], Api.Actions(await duty.GetRequestAsync(id)));
        }

        await WaitUntilQueuesAreDrainedAsync();
    }

    private async Task DropConnectionsUntilAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            fixture.ServiceBus.Faults.DropConnections();
            await Task.Delay(TimeSpan.FromMilliseconds(400), stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Every message of the approval flow was completed: none waiting, none locked, none dead-lettered.</summary>
    private async Task WaitUntilQueuesAreDrainedAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        foreach (var queue in new[] { Queues.ApprovalRouting, Queues.RequestEvents })
        {
            while (fixture.ServiceBus.CountMessages(queue) is var counts && (counts.Active, counts.Locked, counts.DeadLettered) != (0, 0, 0))
            {
                Assert.True(DateTime.UtcNow < until, $"Queue {queue} still holds {counts}.");
                await Task.Delay(100);
            }
        }
    }
}
