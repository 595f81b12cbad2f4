using System.Net;
using CivilProtection.Application.Notices;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Sms;
using CivilProtection.Infrastructure.Tables;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// What the SMS side costs in storage calls, counted by the host itself (<c>CivilProtection:CountCalls</c>): a status
/// callback that changes nothing is answered after its SMS's read alone, or none when this process wrote it last, the hand-over is recorded on the claim's tag
/// without a read (and read again only when a report came between), and a notice's opening message that comes again
/// changes nothing and pages nobody twice (docs/performance.md, the calls of one filing).
/// </summary>
public sealed partial class SmsWorkflowTests
{
    [Fact]
    public async Task A_failure_reported_again_and_a_late_sent_are_answered_after_one_read_of_the_SMS_at_most()
    {
        var (_, reference) = await FileAndApproveFirstStageAsync();
        var page = await SmsToAsync(FrFirst, reference);
        await ReportAsync(page, "undelivered", 30003);
        await SmsToAsync(FrSecond, reference);
        var before = await QuietAsync();

        // Twilio retries a callback it got no answer to, and its reports can arrive out of order.
        await ReportAsync(page, "undelivered", 30003);
        await ReportAsync(page, "sent", null);

        // The first repeat takes the record this process wrote with the first report (RecentRows); the late sent reads it.
        var requests = Requests(await QuietAsync(), before);
        Assert.Equal(1, requests.GetValueOrDefault("point-read"));
        Assert.Equal(0, requests.GetValueOrDefault("transaction") + requests.GetValueOrDefault("write"));
        Assert.Single(_twilio.Messages, m => m.To == FrSecond.Mobile);
    }

    [Fact]
    public async Task A_report_that_lands_while_the_provider_is_still_answering_is_kept_when_the_hand_over_is_recorded()
    {
        var filed = await _host.ClientFor("ma-duty").FileAsync(RequestSamples.Flood());
        var id = Api.Id(filed);
        await SmsToAsync(MaValidator, (string)filed["reference"]!);
        // The page to the assisting side waits at the provider, claimed (sending), while its report comes in.
        _twilio.AnswerNext(new FakeTwilioAnswer(201, null, TimeSpan.FromSeconds(3)));
        await _host.ClientFor("ma-approver").DecideAsync(id, "approve");
        var store = _host.Service<IRequestStore>();
        string? smsId = null;
        await Eventually.TrueAsync(async () =>
        {
            smsId = (await store.ListNoticesAsync(id, CancellationToken.None)).SelectMany(n => n.Value.Attempts).FirstOrDefault(a => a.PersonId == FrFirst.PersonId)?.SmsId;
            return smsId is not null && (await store.FindSmsAsync(smsId, CancellationToken.None))?.Value.Status == SmsStatus.Sending;
        }, "the page to the assisting side claimed", TimeSpan.FromSeconds(30));
        var early = new FakeTwilioMessage("SMearly", FrFirst.Mobile, null, null, "", SmsCallbacks.StatusCallbackFor(_host.BaseAddress, smsId!), DateTimeOffset.UtcNow);
        await ReportAsync(early, "delivered", null);

        // The sender's record of the hand-over, guarded by its claim's tag, meets the report's change: it reads again and keeps it.
        var page = await SmsToAsync(FrFirst, (string)filed["reference"]!);
        await Eventually.TrueAsync(async () => (await store.FindSmsAsync(smsId!, CancellationToken.None))?.Value.ProviderMessageId == page.Sid,
            "the provider's id recorded", TimeSpan.FromSeconds(30));
        var sms = (await store.FindSmsAsync(smsId!, CancellationToken.None))!.Value;
        Assert.Equal(SmsStatus.Delivered, sms.Status);
        Assert.Single(Timeline(await _host.ClientFor("fr-approver").GetRequestAsync(id)), action => action == "sms-delivered");
    }

    [Fact]
    public async Task A_notice_whose_opening_message_comes_again_is_opened_once_and_pages_once()
    {
        var (id, reference) = await FileAndApproveFirstStageAsync();
        await SmsToAsync(FrFirst, reference);
        var store = _host.Service<IRequestStore>();
        var opened = Assert.Single(await store.ListNoticesAsync(id, CancellationToken.None), n => n.Value.StageIndex == 1);
        // The message that opened it, delivered again: the approval that opened the stage made version 2.
        Assert.Equal(NoticeIds.For(1, 2), opened.Value.NoticeId);
        Assert.True(await _host.Service<NoticeDesk>().OpenAsync(id, 1, 2, CancellationToken.None));

        var again = Assert.Single(await store.ListNoticesAsync(id, CancellationToken.None), n => n.Value.StageIndex == 1);
        Assert.Equal(opened.ETag, again.ETag);
        await Task.Delay(500);
        Assert.Single(_twilio.Messages, m => m.To == FrFirst.Mobile);
        Assert.Equal(0, _twilio.Duplicates);
    }

    private async Task ReportAsync(FakeTwilioMessage page, string status, int? errorCode)
    {
        using var report = await _twilio.ReportStatusAsync(page, status, errorCode, _host.BaseAddress);
        await Api.ExpectAsync(report, HttpStatusCode.NoContent);
    }

    // The host's counts once they have stopped moving for a second: the workflow's handlers and timers are done.
    private async Task<CallCountsSnapshot> QuietAsync()
    {
        var counts = _host.Service<CallCounts>();
        var last = counts.Snapshot(_host.TablePrefix);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
            var now = counts.Snapshot(_host.TablePrefix);
            if (Total(now) == Total(last))
            {
                return now;
            }
            last = now;
        }
        throw new TimeoutException("The host's storage calls never stopped moving.");
    }

    private static int Total(CallCountsSnapshot counts) => counts.Storage.Values.Sum(kinds => kinds.Values.Sum());

    private static Dictionary<string, int> Requests(CallCountsSnapshot after, CallCountsSnapshot before)
    {
        var was = before.Storage.GetValueOrDefault("Requests") ?? new Dictionary<string, int>();
        return (after.Storage.GetValueOrDefault("Requests") ?? new Dictionary<string, int>())
            .ToDictionary(kind => kind.Key, kind => kind.Value - was.GetValueOrDefault(kind.Key), StringComparer.Ordinal);
    }
}
