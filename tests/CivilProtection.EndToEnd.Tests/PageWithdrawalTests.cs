using Azure.Data.Tables;
using CivilProtection.Application.Messaging;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Sms;
using CivilProtection.Infrastructure.Messaging;
using CivilProtection.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// A decision that lands just after its stage opened, while the stage's page waits to go out: the page is withdrawn,
/// never sent, and says so; the next stage's page, still needed, goes.
/// </summary>
public sealed class PageWithdrawalTests
{
    private static readonly TimeSpan PageDelay = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_page_whose_stage_was_decided_before_it_went_out_is_withdrawn_and_the_next_stages_page_goes()
    {
        var gateway = new RecordingSmsGateway();
        var prefix = Azurite.UniquePrefix();
        await using var host = await TestHost.StartAsync(tablePrefix: prefix, configure: builder =>
        {
            // Every page waits a few seconds on its queue: the decision below lands in between, as it can in production.
            builder.Services.AddSingleton<IMessageTransport>(sp => new DelayingTransport(
                new InProcessTransport(QueueDescription.Embedded, sp.GetRequiredService<TimeProvider>(), new TableQueueJournal(sp.GetRequiredService<TableServiceClient>(), prefix)),
                Queues.SmsPaging, PageDelay));
            builder.Services.AddSingleton<ISmsGateway>(gateway);
        });
        var store = host.Service<IRequestStore>();

        var id = Api.Id(await host.ClientFor("ma-duty").FileAsync(RequestSamples.Flood()));
        var validation = await WaitForNoticeAsync(store, id, "stage0-v1");
        var page = Assert.Single(validation.Attempts);
        Assert.Equal(SmsStatus.Pending, (await store.FindSmsAsync(page.SmsId, CancellationToken.None))!.Value.Status);
        await host.ClientFor("ma-approver").DecideAsync(id, "approve");

        // The assisting side's page is still needed: it goes.
        var acceptance = await WaitForNoticeAsync(store, id, "stage1-v2");
        var frPage = Assert.Single(acceptance.Attempts);
        await Eventually.TrueAsync(async () => (await store.FindSmsAsync(frPage.SmsId, CancellationToken.None))?.Value.Status == SmsStatus.Sent,
            "the acceptance stage's page sent", TimeSpan.FromSeconds(30));

        var withdrawn = (await store.FindSmsAsync(page.SmsId, CancellationToken.None))!.Value;
        Assert.Equal(SmsStatus.Withdrawn, withdrawn.Status);
        Assert.Null(withdrawn.ProviderMessageId);
        Assert.DoesNotContain(gateway.Sent, sms => sms.To == withdrawn.To && sms.Body == withdrawn.Body);
        Assert.Single(gateway.Sent);
        var notice = (await store.FindNoticeAsync(id, "stage0-v1", CancellationToken.None))!.Value;
        Assert.Equal("withdrawn", Assert.Single(notice.Attempts).Delivery);
        Assert.Contains(await store.ReadTimelineAsync(id, CancellationToken.None), e => e.Action == "sms-withdrawn");
    }

    private static async Task<Domain.Notices.NoticeState> WaitForNoticeAsync(IRequestStore store, string requestId, string noticeId)
    {
        Domain.Notices.NoticeState? found = null;
        await Eventually.TrueAsync(async () => (found = (await store.FindNoticeAsync(requestId, noticeId, CancellationToken.None))?.Value) is { Attempts.Count: > 0 },
            $"notice {noticeId} of {requestId} opened", TimeSpan.FromSeconds(30));
        return found!;
    }

    private sealed class DelayingTransport(IMessageTransport inner, string queue, TimeSpan delay) : DelegatingTransport(inner)
    {
        public override Task SendAsync(string target, OutgoingMessage message, CancellationToken cancellationToken) =>
            base.SendAsync(target, target == queue && message.ScheduledEnqueueTime is null ? message with { ScheduledEnqueueTime = DateTimeOffset.UtcNow + delay } : message, cancellationToken);
    }
}
