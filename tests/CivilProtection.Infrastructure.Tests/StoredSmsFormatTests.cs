using Azure.Data.Tables;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Sms;
using CivilProtection.Infrastructure.Tables;

namespace CivilProtection.Infrastructure.Tests;

/// <summary>An SMS row written when its purpose was a string reads as the type it is now, and the type writes the same string.</summary>
public sealed class StoredSmsFormatTests(TableFixture fixture) : IClassFixture<TableFixture>
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
        change.Sms.Add(new Versioned<SmsRecord>(read.Value with { Status = SmsStatuses.Sent }, read.ETag));
        await _store.CommitAsync(change, CancellationToken.None);
        var rewritten = (await fixture.Tables.Requests.GetEntityAsync<TableEntity>(requestId, $"sms-{smsId}")).Value.GetString("Data0");
        Assert.Contains($"\"purpose\":\"{stored}\"", rewritten, StringComparison.Ordinal);
    }
}
