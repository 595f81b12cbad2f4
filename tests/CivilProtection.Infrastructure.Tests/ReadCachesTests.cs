using Azure.Data.Tables;
using CivilProtection.Domain.Rosters;
using CivilProtection.Infrastructure.Tables;
using Microsoft.Extensions.Time.Testing;

namespace CivilProtection.Infrastructure.Tests;

/// <summary>
/// The two read caches that keep a filing's storage calls down: a change's snapshot for the handlers of that change,
/// and people for paging. Each is shown answering without the store, and giving way where it must.
/// </summary>
public sealed class ReadCachesTests(TableFixture fixture) : IClassFixture<TableFixture>
{
    [Fact]
    public async Task A_snapshot_just_written_serves_its_version_without_a_read_but_never_a_newer_one_nor_a_plain_read()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new TableRequestStore(fixture.Tables, new RequestSnapshotCache(clock));
        var request = TableFixture.NewRequest();
        await store.CreateAsync(request, CancellationToken.None);
        var version = request.State.Version;
        // Gone from the store behind the cache's back: whatever still finds it came from the cache.
        await fixture.Tables.Requests.DeleteEntityAsync(request.Id, $"snapshot-{request.Id}");

        var kept = await store.FindAsync(request.Id, version, CancellationToken.None);
        Assert.Equal(request.State.Reference, kept!.Request.State.Reference);
        Assert.NotSame(kept.Request, (await store.FindAsync(request.Id, version, CancellationToken.None))!.Request);
        Assert.Null(await store.FindAsync(request.Id, version + 1, CancellationToken.None));
        Assert.Null(await store.FindAsync(request.Id, CancellationToken.None));

        clock.Advance(RequestSnapshotCache.KeptFor);
        Assert.Null(await store.FindAsync(request.Id, version, CancellationToken.None));
    }

    [Fact]
    public void A_snapshot_too_large_to_keep_replaces_the_one_kept_by_nothing()
    {
        var cache = new RequestSnapshotCache(TimeProvider.System);
        cache.Remember("r1", "{}", "\"e1\"", 1);
        cache.Remember("r1", new string('x', RequestSnapshotCache.MaxJsonChars + 1), "\"e2\"", 2);

        Assert.Null(cache.Find("r1", 1));
    }

    [Fact]
    public async Task A_failed_write_forgets_the_snapshot_so_the_next_handler_reads_the_store()
    {
        var cache = new RequestSnapshotCache(TimeProvider.System);
        var store = new TableRequestStore(fixture.Tables, cache);
        var request = TableFixture.NewRequest();
        await store.CreateAsync(request, CancellationToken.None);
        var loaded = (await store.FindAsync(request.Id, CancellationToken.None))!;

        // Someone else's write moves the tag on; a write with the old one fails and must not leave the old snapshot kept.
        await new TableRequestStore(fixture.Tables).SaveAsync(loaded.Request, loaded.ETag, CancellationToken.None);
        await Assert.ThrowsAsync<Application.Requests.ConcurrentChangeException>(() => store.SaveAsync(loaded.Request, loaded.ETag, CancellationToken.None));
        await fixture.Tables.Requests.DeleteEntityAsync(request.Id, $"snapshot-{request.Id}");

        Assert.Null(await store.FindAsync(request.Id, request.State.Version, CancellationToken.None));
    }

    [Fact]
    public async Task People_are_read_once_in_thirty_seconds_a_save_here_is_seen_at_once_and_who_sent_an_SMS_is_read_afresh()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var people = new TablePeople(fixture.Tables, clock);
        var id = $"ma-cache-{Guid.NewGuid():N}"[..20];
        var mobile = $"+2126{Random.Shared.Next(10_000_000, 99_999_999)}";
        var person = new Person(id, "Leila Haddaoui", mobile, "ar", "MA-DGPC", ["on-call"], []);
        await people.SaveAsync(person, CancellationToken.None);
        Assert.Equal("Leila Haddaoui", (await people.FindAsync(id, CancellationToken.None))!.Name);

        // Another instance renames her: this one keeps the name it read for 30 seconds, then reads again.
        await new TablePeople(fixture.Tables).SaveAsync(person with { Name = "Leila Haddaoui-Benali" }, CancellationToken.None);
        Assert.Equal("Leila Haddaoui", (await people.FindAsync(id, CancellationToken.None))!.Name);
        Assert.Equal("Leila Haddaoui-Benali", (await people.FindByMobileAsync(mobile, CancellationToken.None))!.Name);
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("Leila Haddaoui-Benali", (await people.FindAsync(id, CancellationToken.None))!.Name);

        await people.SaveAsync(person with { Language = "fr" }, CancellationToken.None);
        Assert.Equal("fr", (await people.FindAsync(id, CancellationToken.None))!.Language);
    }

    [Fact]
    public async Task An_SMS_just_added_is_handed_to_its_sender_once_with_the_tag_that_guards_its_claim_and_a_stale_one_fails()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new TableRequestStore(fixture.Tables, recentSms: new RecentRows<Application.Sms.SmsRecord>(clock));
        var request = TableFixture.NewRequest();
        await store.CreateAsync(request, CancellationToken.None);
        var person = new Person("t-cache-sms", "Salma", "+212661000499", "fr", "MA-DGPC", ["approver"], []);
        var first = Application.Sms.SmsRecord.ToSend(request.Id, "page-1", person, Application.Sms.SmsPurpose.Notice, "Paged", null, clock.GetUtcNow());
        var second = Application.Sms.SmsRecord.ToSend(request.Id, "page-2", person, Application.Sms.SmsPurpose.Notice, "Paged", null, clock.GetUtcNow());
        var change = new Application.Requests.PartitionChange(request.Id);
        change.Sms.Add(new(first, null));
        change.Sms.Add(new(second, null));
        await store.CommitAsync(change, CancellationToken.None);

        var taken = store.TakeRecentSms(first.SmsId);
        Assert.Equal((await store.FindSmsAsync(first.SmsId, CancellationToken.None))!.ETag, taken?.ETag);
        Assert.Null(store.TakeRecentSms(first.SmsId));
        var claimed = await store.SaveSmsAsync(taken! with { Value = first with { Status = Application.Sms.SmsStatus.Sending } }, CancellationToken.None);
        Assert.Equal((await store.FindSmsAsync(first.SmsId, CancellationToken.None))!.ETag, claimed);

        // Changed since it was added (another delivery claimed it): a claim on the kept tag fails.
        var kept = store.TakeRecentSms(second.SmsId)!;
        var fresh = (await store.FindSmsAsync(second.SmsId, CancellationToken.None))!;
        await store.SaveSmsAsync(fresh with { Value = second with { Status = Application.Sms.SmsStatus.Sending } }, CancellationToken.None);
        await Assert.ThrowsAsync<Application.Requests.ConcurrentChangeException>(
            () => store.SaveSmsAsync(kept with { Value = second with { Status = Application.Sms.SmsStatus.Sending } }, CancellationToken.None));
    }

    [Fact]
    public async Task An_SMS_and_a_notice_a_commit_changed_are_handed_to_their_next_writer_once_with_the_tags_they_have_now()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new TableRequestStore(fixture.Tables, recentSms: new RecentRows<Application.Sms.SmsRecord>(clock),
            recentNotices: new RecentRows<Domain.Notices.NoticeState>(clock));
        var request = TableFixture.NewRequest();
        await store.CreateAsync(request, CancellationToken.None);
        var person = new Person("t-cache-sms", "Salma", "+212661000499", "fr", "MA-DGPC", ["approver"], []);
        var sms = Application.Sms.SmsRecord.ToSend(request.Id, "stage0-v1", person, Application.Sms.SmsPurpose.Notice, "Paged", null, clock.GetUtcNow());
        var notice = new Domain.Notices.NoticeState("stage0-v1", request.Id, Domain.Notices.NoticeKind.StageApproval, 0, "MA-DGPC", "validation", "4821",
            Domain.Notices.NoticeStatus.Open, 1, 1, 0, clock.GetUtcNow(), null, [], null, null, null);
        var opening = new Application.Requests.PartitionChange(request.Id);
        opening.Sms.Add(new(sms, null));
        opening.Notices.Add(new(notice, null));
        await store.CommitAsync(opening, CancellationToken.None);
        Assert.NotNull(store.TakeRecentSms(sms.SmsId));

        // The sender's record of the hand-over replaces the row: the delivery report that follows takes it, and the notice.
        var stored = (await store.FindSmsAsync(sms.SmsId, CancellationToken.None))!;
        var sent = new Application.Requests.PartitionChange(request.Id);
        sent.Sms.Add(new(sms with { Status = Application.Sms.SmsStatus.Sent }, stored.ETag));
        await store.CommitAsync(sent, CancellationToken.None);

        var taken = store.TakeRecentSms(sms.SmsId);
        Assert.Equal(Application.Sms.SmsStatus.Sent, taken?.Value.Status);
        Assert.Equal((await store.FindSmsAsync(sms.SmsId, CancellationToken.None))!.ETag, taken!.ETag);
        Assert.Null(store.TakeRecentSms(sms.SmsId));
        var kept = store.TakeRecentNotice(request.Id, notice.NoticeId);
        Assert.Equal((await store.FindNoticeAsync(request.Id, notice.NoticeId, CancellationToken.None))!.ETag, kept?.ETag);
        Assert.Null(store.TakeRecentNotice(request.Id, notice.NoticeId));

        // Changed since (another instance acknowledged it): a commit on the kept tag fails and changes nothing.
        var fresh = (await store.FindNoticeAsync(request.Id, notice.NoticeId, CancellationToken.None))!;
        var acknowledged = new Application.Requests.PartitionChange(request.Id);
        acknowledged.Notices.Add(new(notice with { Status = Domain.Notices.NoticeStatus.Acknowledged }, fresh.ETag));
        await store.CommitAsync(acknowledged, CancellationToken.None);
        var late = new Application.Requests.PartitionChange(request.Id);
        late.Notices.Add(new(kept!.Value, kept.ETag));
        await Assert.ThrowsAsync<Application.Requests.ConcurrentChangeException>(() => store.CommitAsync(late, CancellationToken.None));
        Assert.Equal(Domain.Notices.NoticeStatus.Acknowledged, (await store.FindNoticeAsync(request.Id, notice.NoticeId, CancellationToken.None))!.Value.Status);
    }

    [Fact]
    public void An_SMS_kept_past_its_time_is_not_handed_out()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var recent = new RecentRows<Application.Sms.SmsRecord>(clock);
        var person = new Person("t-cache-sms", "Salma", "+212661000499", "fr", "MA-DGPC", ["approver"], []);
        var sms = Application.Sms.SmsRecord.ToSend(new string('a', 32), "page-1", person, Application.Sms.SmsPurpose.Notice, "Paged", null, clock.GetUtcNow());
        recent.Remember(sms.SmsId, sms, "\"e1\"");

        clock.Advance(RecentRows<Application.Sms.SmsRecord>.KeptFor);
        Assert.Null(recent.Take(sms.SmsId));
    }
}
