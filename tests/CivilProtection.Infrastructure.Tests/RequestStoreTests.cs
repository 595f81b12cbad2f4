using System.Text.Json;
using Azure.Data.Tables;
using CivilProtection.Application.Messaging;
using CivilProtection.Application.Outbox;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Requests;
using CivilProtection.Infrastructure.Tables;

namespace CivilProtection.Infrastructure.Tests;

public sealed class RequestStoreTests(TableFixture fixture) : IClassFixture<TableFixture>
{
    private readonly TableRequestStore _store = new(fixture.Tables);

    [Fact]
    public async Task Filing_commits_the_snapshot_its_audit_events_and_its_outbox_entry_together_in_three_rows()
    {
        var request = TableFixture.NewRequest();

        var sent = await _store.CreateAsync(request, CancellationToken.None);

        var rows = (await fixture.PartitionAsync(request.Id)).Select(r => r.RowKey).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains($"snapshot-{request.Id}", rows);
        Assert.Contains($"event-000001-{request.Id}", rows);
        // stage-opened (routing), notice-requested (paging) and request-changed (lists), in one entry named by the first.
        Assert.Equal(3, sent.Count);
        var entry = Assert.Single(rows, r => r.StartsWith("outbox-", StringComparison.Ordinal));
        Assert.All(sent, m => Assert.Equal(entry, m.Entry));
        var stored = await new TableOutboxStore(fixture.Tables, TimeProvider.System).ReadAsync(request.Id, CancellationToken.None);
        Assert.Equal(sent.Select(m => (m.MessageId, m.Queue, m.Subject, m.Body, m.CorrelationId, m.Entry)),
            stored.Select(m => (m.MessageId, m.Queue, m.Subject, m.Body, m.CorrelationId, m.Entry)));
        var loaded = await _store.FindAsync(request.Id, CancellationToken.None);
        Assert.Equal(request.State.Reference, loaded!.Request.State.Reference);
        Assert.Equal(RequestStatus.PendingApproval, loaded.Request.Status);
        Assert.Equal(request.State.Details with { Capabilities = [] }, loaded.Request.State.Details with { Capabilities = [] });
        Assert.Equal(request.State.Details.Capabilities, loaded.Request.State.Details.Capabilities);
        Assert.Equal(request.State.Stages, loaded.Request.State.Stages);
        Assert.Equal([AuditActions.Submitted, AuditActions.StageOpened], (await _store.ReadTimelineAsync(request.Id, CancellationToken.None)).Select(e => e.Action));
    }

    [Fact]
    public async Task A_change_writes_its_timeline_lines_and_its_messages_in_one_row_each_and_they_read_back_in_order()
    {
        var request = TableFixture.NewRequest();
        await _store.CreateAsync(request, CancellationToken.None);
        var at = DateTimeOffset.UtcNow;
        var change = new PartitionChange(request.Id);
        change.Events.AddRange([
            new AuditEvent(0, at, "system", "System", "notice-opened", "first", 0),
            new AuditEvent(0, at, "system", "System", "notice-paged", "second", 0),
            new AuditEvent(0, at, "system", "System", "notice-sent", "third", 0)]);
        change.Outbox.Add(OutboxRouting.NoticeCheck(request.Id, "n1", 1, at.AddMinutes(5), "corr-1"));
        change.Outbox.Add(OutboxRouting.NoticeCheck(request.Id, "n1", 2, at.AddMinutes(10), "corr-1"));
        var before = (await fixture.PartitionAsync(request.Id)).Count;

        var sent = await _store.CommitAsync(change, CancellationToken.None);

        Assert.Equal(before + 2, (await fixture.PartitionAsync(request.Id)).Count);
        var timeline = await _store.ReadTimelineAsync(request.Id, CancellationToken.None);
        Assert.Equal(["first", "second", "third"], timeline.Where(e => e.Action.StartsWith("notice-", StringComparison.Ordinal)).Select(e => e.Comment));
        Assert.Equal(Enumerable.Range(1, timeline.Count), timeline.Select(e => e.Sequence));
        var stored = await new TableOutboxStore(fixture.Tables, TimeProvider.System).ReadAsync(request.Id, CancellationToken.None);
        var entry = Assert.Single(sent.Select(m => m.Entry).Distinct());
        Assert.Equal(sent.Select(m => (m.MessageId, m.ScheduledFor)), stored.Where(m => m.Entry == entry).Select(m => (m.MessageId, m.ScheduledFor)));
    }

    [Fact]
    public async Task Rows_stored_one_per_event_and_one_per_message_by_earlier_versions_still_read_and_remove()
    {
        var request = TableFixture.NewRequest();
        await _store.CreateAsync(request, CancellationToken.None);
        var legacyEvent = new AuditEvent(3, DateTimeOffset.UtcNow.AddSeconds(1), "ma-duty", "Youssef El Amrani", AuditActions.Cancelled, "legacy", null);
        await fixture.Tables.Requests.AddEntityAsync(new TableEntity(request.Id, $"event-000003-{request.Id}")
        {
            ["Event"] = JsonSerializer.Serialize(legacyEvent, TableRequestStore.Json),
        });
        var legacyKey = TableRequestStore.OutboxKey($"{request.Id}:legacy");
        await fixture.Tables.Requests.AddEntityAsync(new TableEntity(request.Id, legacyKey)
        {
            ["MessageId"] = $"{request.Id}:legacy", ["Queue"] = Queues.RequestEvents, ["Subject"] = "request-changed",
            ["Body"] = "{}", ["CorrelationId"] = "corr-1",
        });
        var outbox = new TableOutboxStore(fixture.Tables, TimeProvider.System);

        var timeline = await _store.ReadTimelineAsync(request.Id, CancellationToken.None);
        var messages = await outbox.ReadAsync(request.Id, CancellationToken.None);

        Assert.Equal([AuditActions.Submitted, AuditActions.StageOpened, AuditActions.Cancelled], timeline.Select(e => e.Action));
        var legacy = Assert.Single(messages, m => m.MessageId == $"{request.Id}:legacy");
        Assert.Equal((Queues.RequestEvents, legacyKey), (legacy.Queue, legacy.Entry));
        Assert.Equal(4, messages.Count);
        await outbox.RemoveAsync(messages, CancellationToken.None);
        Assert.Empty(await outbox.ReadAsync(request.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Two_requests_share_no_row_key_so_a_lookup_by_row_key_never_scans_other_requests()
    {
        var one = TableFixture.NewRequest();
        var other = TableFixture.NewRequest();
        await _store.CreateAsync(one, CancellationToken.None);
        await _store.CreateAsync(other, CancellationToken.None);

        var keys = (await fixture.PartitionAsync(one.Id)).Select(r => r.RowKey).ToList();
        Assert.NotEmpty(keys);
        Assert.Empty(keys.Intersect((await fixture.PartitionAsync(other.Id)).Select(r => r.RowKey)));
    }

    [Fact]
    public async Task Filing_the_same_id_twice_is_refused_and_changes_nothing()
    {
        var request = TableFixture.NewRequest();
        await _store.CreateAsync(request, CancellationToken.None);
        var before = await fixture.PartitionAsync(request.Id);

        var twin = AssistanceRequest.File(request.Id, "AR-2026-00099", TableFixture.Details(), TableFixture.Route, TableFixture.DutyOfficer, DateTimeOffset.UtcNow, "c");
        await Assert.ThrowsAsync<RequestAlreadyExistsException>(() => _store.CreateAsync(twin, CancellationToken.None));

        var after = await fixture.PartitionAsync(request.Id);
        Assert.Equal(before.Select(r => (r.RowKey, r.ETag)), after.Select(r => (r.RowKey, r.ETag)));
    }

    [Fact]
    public async Task Of_two_approvers_deciding_at_once_exactly_one_wins_and_the_loser_writes_nothing()
    {
        var request = TableFixture.NewRequest();
        await _store.CreateAsync(request, CancellationToken.None);
        var first = (await _store.FindAsync(request.Id, CancellationToken.None))!;
        var second = (await _store.FindAsync(request.Id, CancellationToken.None))!;
        first.Request.Approve(TableFixture.Approver, DateTimeOffset.UtcNow, "ok");
        second.Request.Reject(new Actor("ma-approver-2", "Other"), DateTimeOffset.UtcNow, "no");

        var outcomes = await Task.WhenAll(
            Attempt(() => _store.SaveAsync(first.Request, first.ETag, CancellationToken.None)),
            Attempt(() => _store.SaveAsync(second.Request, second.ETag, CancellationToken.None)));

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is ConcurrentChangeException);
        var timeline = await _store.ReadTimelineAsync(request.Id, CancellationToken.None);
        var decisions = timeline.Count(e => e.Action is AuditActions.StageApproved or AuditActions.Rejected);
        Assert.Equal(1, decisions);
        var stored = (await _store.FindAsync(request.Id, CancellationToken.None))!.Request.State;
        Assert.Equal(2, stored.Version);
        Assert.Equal(stored.EventCount, timeline.Count);
    }

    [Fact]
    public async Task A_save_with_a_stale_tag_leaves_no_event_and_no_outbox_row_behind()
    {
        var request = TableFixture.NewRequest();
        await _store.CreateAsync(request, CancellationToken.None);
        var stale = (await _store.FindAsync(request.Id, CancellationToken.None))!;
        var fresh = (await _store.FindAsync(request.Id, CancellationToken.None))!;
        fresh.Request.Approve(TableFixture.Approver, DateTimeOffset.UtcNow, null);
        await _store.SaveAsync(fresh.Request, fresh.ETag, CancellationToken.None);
        var before = await fixture.PartitionAsync(request.Id);

        stale.Request.Cancel(TableFixture.DutyOfficer, DateTimeOffset.UtcNow, "withdrawn");
        await Assert.ThrowsAsync<ConcurrentChangeException>(() => _store.SaveAsync(stale.Request, stale.ETag, CancellationToken.None));

        var after = await fixture.PartitionAsync(request.Id);
        Assert.Equal(before.Select(r => r.RowKey).Order(), after.Select(r => r.RowKey).Order());
        Assert.Equal(RequestStatus.PendingApproval, (await _store.FindAsync(request.Id, CancellationToken.None))!.Request.Status);
    }

    [Fact]
    public async Task An_unknown_or_malformed_id_is_not_found()
    {
        Assert.Null(await _store.FindAsync(Guid.NewGuid().ToString("N"), CancellationToken.None));
        Assert.Null(await _store.FindAsync("../snapshot", CancellationToken.None));
    }

    private static async Task<Exception?> Attempt(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
