using CivilProtection.Application.Requests;
using CivilProtection.Application.Sms;
using CivilProtection.Domain.Notices;
using CivilProtection.Testing;

namespace CivilProtection.EndToEnd.Tests;

/// <summary>
/// A page whose stage was decided before it went: the sender's look at the request, right before sending, is the one
/// that catches a decision made while the notice was being opened (the notice makes no look of its own once it pages
/// someone by SMS), so it withdraws the page and resolves the notice in one commit.
/// </summary>
public sealed partial class SmsWorkflowTests
{
    [Fact]
    public async Task A_page_whose_stage_was_decided_before_it_went_is_withdrawn_and_its_notice_resolved_with_it()
    {
        var (id, reference) = await FileAndApproveFirstStageAsync();
        await SmsToAsync(FrFirst, reference);
        await _host.ClientFor("fr-approver").DecideAsync(id, "approve");
        var store = _host.Service<IRequestStore>();
        await Eventually.TrueAsync(async () => (await store.FindAsync(id, CancellationToken.None))?.Request.State.Status != Domain.Requests.RequestStatus.PendingApproval,
            "the second stage decided", TimeSpan.FromSeconds(30));

        // As a notice of that stage commits when the decision landed between its look at the request and its commit.
        var now = DateTimeOffset.UtcNow;
        var page = SmsRecord.ToSend(id, "stage1-late-page", FrFirst, SmsPurpose.Notice, "Paged", "stage1-late", now);
        var notice = new NoticeState("stage1-late", id, NoticeKind.StageApproval, 1, FrFirst.AuthorityId, "validation", "4821", NoticeStatus.Open,
            1, 1, 0, now, now.AddMinutes(5), [], null, null, null);
        var opened = new PartitionChange(id);
        opened.Notices.Add(new Versioned<NoticeState>(notice, null));
        opened.Sms.Add(new Versioned<SmsRecord>(page, null));
        await store.CommitAsync(opened, CancellationToken.None);
        var sentBefore = _twilio.Messages.Count(m => m.To == FrFirst.Mobile);

        Assert.True(await _host.Service<SmsSender>().SendAsync(page.SmsId, CancellationToken.None));

        Assert.Equal(SmsStatus.Withdrawn, (await store.FindSmsAsync(page.SmsId, CancellationToken.None))!.Value.Status);
        var resolved = (await store.FindNoticeAsync(id, notice.NoticeId, CancellationToken.None))!.Value;
        Assert.Equal(NoticeStatus.Resolved, resolved.Status);
        Assert.Null(resolved.EscalatesAt);
        Assert.Equal(sentBefore, _twilio.Messages.Count(m => m.To == FrFirst.Mobile));
    }
}
