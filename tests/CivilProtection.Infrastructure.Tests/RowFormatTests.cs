using Azure.Data.Tables;
using CivilProtection.Application.Requests;
using CivilProtection.Domain.Requests;
using CivilProtection.Infrastructure.Tables;

namespace CivilProtection.Infrastructure.Tests;

/// <summary>
/// Each row carries the format it was written in: a row older than the column reads as format 1 and is stamped when
/// next written in full; a row from a newer format is refused rather than misread and overwritten.
/// </summary>
public sealed class RowFormatTests(TableFixture fixture) : IClassFixture<TableFixture>
{
    private readonly TableRequestStore _store = new(fixture.Tables);

    [Fact]
    public async Task A_snapshot_without_the_column_reads_and_is_stamped_with_the_current_format_when_next_written()
    {
        var request = TableFixture.NewRequest();
        await _store.CreateAsync(request, CancellationToken.None);
        Assert.All(await fixture.PartitionAsync(request.Id), row => Assert.Equal(RowFormat.Current, row.GetInt32(RowFormat.Column)));

        // As rows stored before 2026-12-07 are: the same columns, no format.
        var stored = await SnapshotAsync(request.Id);
        stored.Remove(RowFormat.Column);
        await fixture.Tables.Requests.UpdateEntityAsync(stored, stored.ETag, TableUpdateMode.Replace);
        Assert.Equal(0, RowFormat.Of(await SnapshotAsync(request.Id)));

        var loaded = (await _store.FindAsync(request.Id, CancellationToken.None))!;
        Assert.Equal(request.State.Reference, loaded.Request.State.Reference);
        await _store.CommitAsync(new PartitionChange(request.Id) { Request = new Versioned<AssistanceRequest>(loaded.Request, loaded.ETag) }, CancellationToken.None);
        Assert.Equal(RowFormat.Current, (await SnapshotAsync(request.Id)).GetInt32(RowFormat.Column));
    }

    [Fact]
    public async Task Rows_in_a_newer_format_are_refused_and_left_as_they_are()
    {
        var request = TableFixture.NewRequest();
        await _store.CreateAsync(request, CancellationToken.None);
        foreach (var row in await fixture.PartitionAsync(request.Id))
        {
            row[RowFormat.Column] = RowFormat.Current + 1;
            await fixture.Tables.Requests.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        }
        var before = (await fixture.PartitionAsync(request.Id)).Select(r => (r.RowKey, r.ETag)).ToList();

        var refused = await Assert.ThrowsAsync<RowFormatTooNewException>(() => _store.FindAsync(request.Id, CancellationToken.None));
        Assert.Contains($"format {RowFormat.Current + 1}", refused.Message, StringComparison.Ordinal);
        // The audit rows too (read through the chunked JSON every large row shares).
        await Assert.ThrowsAsync<RowFormatTooNewException>(() => _store.ReadTimelineAsync(request.Id, CancellationToken.None));
        Assert.Equal(before, (await fixture.PartitionAsync(request.Id)).Select(r => (r.RowKey, r.ETag)).ToList());
    }

    private async Task<TableEntity> SnapshotAsync(string requestId) =>
        (await fixture.Tables.Requests.GetEntityAsync<TableEntity>(requestId, TableRequestStore.SnapshotKey(requestId))).Value;
}
