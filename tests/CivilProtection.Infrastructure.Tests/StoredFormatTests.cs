using Azure.Data.Tables;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Sms;
using CivilProtection.Infrastructure.Tables;

namespace CivilProtection.Infrastructure.Tests;

/// <summary>
/// Rows written when a purpose or a kind was a string read as the type it is now, and the type writes the same string,
/// so no stored SMS or notice changes meaning across the upgrade.
/// </summary>
public sealed class StoredFormatTests(TableFixture fixture) : IClassFixture<TableFixture>
{
    private readonly TableRequestStore _store = new(fixture.Tables);

    [Theory]
    [InlineData("notice", SmsPurpose.Notice)]
    [InlineData("admin-alert", SmsPurpose.AdminAlert)]
    [InlineData("confirmation", SmsPurpose.Confirmation)]
    [InlineData("dispatch-offer", SmsPurpose.DispatchOffer)]
    public async Task A_row_written_with_the_purpose_as_text_reads_as_its_purpose(string stored, SmsPurpose purpose)
    {
        var requestId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var smsId = SmsRecord.IdFor(requestId, "stage0-v1-101");
        // As the code before the type wrote it: the record's JSON, camelCase, its purpose a string.
        var json = $$"""{"smsId":"{{smsId}}","requestId":"{{requestId}}","personId":"ma-oncall-1","to":"+212661000001","body":"OK 4821","purpose":"{{stored}}","noticeId":"stage0-v1","status":"pending","providerMessageId":null,"errorCode":null,"createdAt":"2026-12-01T03:00:00+00:00","updatedAt":"2026-12-01T03:00:00+00:00"}""";
        await fixture.Tables.Requests.AddEntityAsync(new TableEntity(requestId, $"sms-{smsId}") { ["Data0"] = json, ["Chunks"] = 1, ["Status"] = "pending" });

        var read = await _store.FindSmsAsync(smsId, CancellationToken.None);

        Assert.Equal(purpose, read!.Value.Purpose);
        var change = new PartitionChange(requestId);
        change.Sms.Add(new Versioned<SmsRecord>(read.Value with { Status = SmsStatus.Sent }, read.ETag));
        await _store.CommitAsync(change, CancellationToken.None);
        var rewritten = (await fixture.Tables.Requests.GetEntityAsync<TableEntity>(requestId, $"sms-{smsId}")).Value.GetString("Data0");
        Assert.Contains($"\"purpose\":\"{stored}\"", rewritten, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Domain.Notices.NoticeKind.StageApproval, "stage-approval")]
    [InlineData(Domain.Notices.NoticeKind.AssistanceApproved, "assistance-approved")]
    public async Task A_notice_kind_is_stored_as_the_text_it_was_stored_as_before(Domain.Notices.NoticeKind kind, string stored)
    {
        var requestId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var notice = new Domain.Notices.NoticeState("stage0-v1", requestId, kind, 0, "MA-DGPC", "validation", "4821", Domain.Notices.NoticeStatus.Open,
            1, 1, 0, DateTimeOffset.UtcNow, null, [], null, null, null);
        var change = new PartitionChange(requestId);
        change.Notices.Add(new Versioned<Domain.Notices.NoticeState>(notice, null));
        await _store.CommitAsync(change, CancellationToken.None);

        var row = (await fixture.PartitionAsync(requestId)).Single(r => r.RowKey.StartsWith("notice-", StringComparison.Ordinal));
        Assert.Contains($"\"kind\":\"{stored}\"", row.GetString("Data0"), StringComparison.Ordinal);
        Assert.Equal(kind, (await _store.FindNoticeAsync(requestId, "stage0-v1", CancellationToken.None))!.Value.Kind);
    }
}
